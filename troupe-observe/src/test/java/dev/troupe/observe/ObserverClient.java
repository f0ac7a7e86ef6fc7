package dev.troupe.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Plain HTTP calls to an observer, as a script would make them. {@link HttpURLConnection} rather than
 * {@code java.net.http.HttpClient}: the tests compile inside the module {@code dev.troupe.observe}, which has
 * no reason to read {@code java.net.http}.
 */
final class ObserverClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 10_000;

    private final URI base;

    ObserverClient(URI base) {
        this.base = base;
    }

    record Reply(int status, String contentType, String body, String authenticate) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** @param headers names and values, alternating */
    Reply get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, headers);
    }

    /** A POST with the header the page sends with its POSTs, and {@code headers}. */
    Reply post(String pathAndQuery, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Troupe-Observer";
        all[1] = "1";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", pathAndQuery, all);
    }

    /** A POST without the page's header, as a form on another site would send it. */
    Reply foreignPost(String pathAndQuery) {
        return send("POST", pathAndQuery);
    }

    /** The JSON of a GET that must succeed. */
    JsonNode json(String pathAndQuery) {
        Reply reply = get(pathAndQuery);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** An open connection, for reading a stream; the caller disconnects it. */
    HttpURLConnection open(String pathAndQuery) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve(pathAndQuery).toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        return connection;
    }

    /**
     * A GET of {@code requestTarget} exactly as written, over a plain socket: for what {@link URI} and
     * {@link HttpURLConnection} refuse to send, such as a broken percent-escape or a Host header of one's choice.
     */
    Reply rawGet(String requestTarget, String host) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(("GET /" + requestTarget + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            String contentType = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse("");
            int status = Integer.parseInt(head.substring(9, 12));
            return new Reply(status, contentType, dechunked(head, response.substring(headersEnd + 4)), null);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + requestTarget + " failed", e);
        }
    }

    private static String dechunked(String head, String body) {
        if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Reply send(String method, String pathAndQuery, String... headers) {
        try {
            HttpURLConnection connection = open(pathAndQuery);
            try {
                connection.setRequestMethod(method);
                for (int i = 0; i < headers.length; i += 2) {
                    connection.setRequestProperty(headers[i], headers[i + 1]);
                }
                int status = connection.getResponseCode();
                InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String contentType = connection.getContentType();
                return new Reply(status, contentType == null ? "" : contentType, body,
                        connection.getHeaderField("WWW-Authenticate"));
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        }
    }
}
