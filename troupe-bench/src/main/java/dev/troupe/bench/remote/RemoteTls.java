package dev.troupe.bench.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKCS#12 key store, made with the JDK's {@code keytool}, that both nodes of a benchmark use as key
 * store and trust store (so each authenticates the other), and the one TLS 1.3 cipher suite both systems are
 * held to so that they pay for the same encryption.
 *
 * @param keyStore the key store file
 * @param password its password (also the key's)
 */
public record RemoteTls(Path keyStore, String password) {
    /** The cipher suite of every benchmarked TLS connection. */
    public static final String CIPHER_SUITE = "TLS_AES_128_GCM_SHA256";

    /**
     * Generates an RSA-2048 key pair with a self-signed certificate for 127.0.0.1 into {@code directory}.
     *
     * @throws IOException if keytool cannot be run or fails (its output is in the message)
     */
    public static RemoteTls generate(Path directory) throws IOException, InterruptedException {
        Path file = directory.resolve("bench-node.p12");
        String password = "bench-" + Long.toHexString(System.nanoTime());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "node",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.exists(file)) {
            throw new IOException("keytool did not make a key store: " + output);
        }
        return new RemoteTls(file, password);
    }
}
