package dev.troupe.remote.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/*
 * Why one shared key rather than one per node: with a self-signed certificate per node, a node could only trust
 * its peers by trusting whatever certificate they show the first time, which authenticates nothing. One key
 * pair for the whole development cluster, in a directory the nodes share, gives each node a real check: the
 * peer must hold that private key. The file is written to a temporary name and then linked into place, which
 * fails if another node (in this or another JVM) got there first; then that node's key is used.
 */

/** The development cluster's key pair and self-signed certificate in a directory. Any thread. */
public final class DevelopmentKey {
    static final String FILE_NAME = "troupe-dev-cluster.p12";
    static final String ALIAS = "troupe-dev";
    /** Not a secret: the file's protection is its permissions. PKCS#12 needs some password. */
    static final char[] PASSWORD = "troupe-development".toCharArray();

    private DevelopmentKey() {}

    /**
     * Loads the development key store from {@code directory}, generating it first if the directory has none.
     *
     * @throws UncheckedIOException if the directory or file cannot be created or read
     * @throws IllegalStateException if the file exists but is not a development key store
     */
    public static KeyStore loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(directory, file);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            if (!store.isKeyEntry(ALIAS)) {
                throw new IllegalStateException(file + " has no key entry '" + ALIAS + "'; delete it to make a new"
                        + " development key (every node of the cluster must then use the new file)");
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development TLS key in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the development TLS key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path directory, Path file) throws IOException, GeneralSecurityException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(directory);
        Path temp = posix
                ? Files.createTempFile(directory, FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, FILE_NAME, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                generate().store(out, PASSWORD);
            }
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // another node created it meanwhile: use that one
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static KeyStore generate() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(pair, "CN=Troupe development cluster", Duration.ofDays(3650));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        return store;
    }

    /** A self-signed certificate for {@code pair}, valid from a minute ago for {@code validity}. */
    private static X509Certificate selfSigned(KeyPair pair, String subject, Duration validity) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(validity)), name, pair.getPublic());
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign the development certificate", e);
        }
    }
}
