package dev.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in the docs honest: every block in README.md and docs/*.md marked
 * {@code <!-- snippet: path/To/File.java#tag -->} must equal the region between {@code // tag::tag[]} and
 * {@code // end::tag[]} of that source file (relative to the repository root), which is compiled and tested.
 */
class ReadmeSnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetMatchesItsSource() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        Path docsDir = root.resolve("docs");
        if (Files.isDirectory(docsDir)) {
            try (var files = Files.list(docsDir)) {
                files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
            }
        }
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = SNIPPET.matcher(Files.readString(doc));
            while (m.find()) {
                String region = region(root.resolve(m.group(1)), m.group(2));
                assertThat(m.group(3)).as("snippet %s#%s in %s", m.group(1), m.group(2), doc).isEqualTo(region);
                checked++;
            }
        }
        assertThat(checked).as("snippets found in README.md").isGreaterThanOrEqualTo(3);
    }

    private static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// tag::" + tag + "[]"))
                .findFirst().orElseThrow(() -> new AssertionError("no tag " + tag + " in " + source)));
        int end = start + 1;
        while (!lines.get(end).strip().equals("// end::" + tag + "[]")) {
            end++;
        }
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String line : body) {
            sb.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
