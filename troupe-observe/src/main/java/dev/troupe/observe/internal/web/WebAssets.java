package dev.troupe.observe.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page's files, read once from the class path ({@code dev/troupe/observe/web/}). The page needs no build
 * step: plain HTML, CSS and JavaScript with hand-made SVG charts. Immutable; any thread.
 */
final class WebAssets {
    /** Where the page's HTML puts the access-token query string of its script and style links. */
    private static final String TOKEN_QUERY_PLACEHOLDER = "{{tokenQuery}}";

    private final String indexHtml;
    private final byte[] script;
    private final byte[] styles;

    private WebAssets(String indexHtml, byte[] script, byte[] styles) {
        this.indexHtml = indexHtml;
        this.script = script;
        this.styles = styles;
    }

    static WebAssets load() {
        return new WebAssets(new String(read("index.html"), StandardCharsets.UTF_8), read("observer.js"),
                read("observer.css"));
    }

    /**
     * The page, with {@code tokenQuery} (empty, or {@code ?token=...} of an already checked, URL-safe token)
     * after its asset links, so that the browser's requests for them pass the same check.
     */
    String indexHtml(String tokenQuery) {
        return indexHtml.replace(TOKEN_QUERY_PLACEHOLDER, tokenQuery);
    }

    byte[] script() {
        return script;
    }

    byte[] styles() {
        return styles;
    }

    private static byte[] read(String name) {
        String resource = "/dev/troupe/observe/web/" + name;
        try (InputStream in = WebAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The observer page's " + resource + " is missing from the class "
                        + "path: the troupe-observe jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }
}
