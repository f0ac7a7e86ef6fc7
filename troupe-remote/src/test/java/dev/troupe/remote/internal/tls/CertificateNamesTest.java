package dev.troupe.remote.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class CertificateNamesTest {

    private static X509Certificate certificate(GeneralName... names) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=node.example");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                new Date(now), new Date(now + 86_400_000L), subject, keys.getPublic());
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @Test
    void anIpLiteralMatchesAnIpNameInAnySpelling() throws Exception {
        X509Certificate certificate = certificate(new GeneralName(GeneralName.iPAddress, "10.0.0.7"),
                new GeneralName(GeneralName.iPAddress, "::1"));

        assertThat(CertificateNames.names(certificate, "10.0.0.7")).isTrue();
        assertThat(CertificateNames.names(certificate, "[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(CertificateNames.names(certificate, "::1")).isTrue();
        assertThat(CertificateNames.names(certificate, "10.0.0.8")).isFalse();
    }

    @Test
    void aHostNameMatchesAnExactDnsNameIgnoringCaseButNeverAWildcardOrAnIpName() throws Exception {
        X509Certificate certificate = certificate(new GeneralName(GeneralName.dNSName, "Node-1.Example"),
                new GeneralName(GeneralName.dNSName, "*.cluster.example"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.7"));

        assertThat(CertificateNames.names(certificate, "node-1.example")).isTrue();
        assertThat(CertificateNames.names(certificate, "a.cluster.example")).isFalse();
        assertThat(CertificateNames.names(certificate, "node-2.example")).isFalse();
        // a host name that is an IP name's text is not that IP name, and the common name never counts
        assertThat(CertificateNames.names(certificate, "node.example")).isFalse();
    }

    @Test
    void aCertificateWithoutAlternativeNamesNamesNoHost() throws Exception {
        assertThat(CertificateNames.names(certificate(), "node.example")).isFalse();
    }
}
