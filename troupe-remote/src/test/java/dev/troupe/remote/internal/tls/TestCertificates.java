package dev.troupe.remote.internal.tls;

import dev.troupe.remote.RemoteSettings;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway certificate authority issuing node certificates for 127.0.0.1, as PKCS#12 files for tests. */
public final class TestCertificates {
    private static final char[] PASSWORD = "test-password".toCharArray();

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(Path directory, String name) throws Exception {
        this.directory = directory;
        this.caKeys = newKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, caKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(builder, caKeys.getPrivate());
    }

    /** A new authority named {@code name}, writing its files to {@code directory}. */
    public static TestCertificates authority(Path directory, String name) throws Exception {
        return new TestCertificates(directory, name);
    }

    /**
     * Mutual TLS settings for a node named {@code node} with a certificate from this authority for
     * {@code 127.0.0.1}, trusting this authority.
     */
    public RemoteSettings.Tls node(String node, boolean verifyHostname) throws Exception {
        return node(node, verifyHostname, this);
    }

    /** Like {@link #node(String, boolean)}, but trusting {@code trusted} instead of this authority. */
    public RemoteSettings.Tls node(String node, boolean verifyHostname, TestCertificates trusted) throws Exception {
        return node(node, verifyHostname, trusted, "127.0.0.1");
    }

    /** Like {@link #node(String, boolean)}, but with a certificate for the IP address {@code ip}. */
    public RemoteSettings.Tls node(String node, boolean verifyHostname, TestCertificates trusted, String ip)
            throws Exception {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = builder(new X500Name(ca.getSubjectX500Principal().getName()),
                new X500Name("CN=" + node), keys)
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate certificate = sign(builder, caKeys.getPrivate());

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("node", keys.getPrivate(), PASSWORD, new Certificate[] {certificate, ca});
        Path keyFile = write(keyStore, node + "-keys.p12");
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", trusted.ca);
        Path trustFile = write(trustStore, node + "-trust.p12");
        return new RemoteSettings.Tls.Mutual(keyFile, PASSWORD, trustFile, PASSWORD, verifyHostname);
    }

    private Path write(KeyStore store, String name) throws Exception {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
