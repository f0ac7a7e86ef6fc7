package dev.troupe.remote.internal.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a certificate names a host, for the accepting side's check of a connecting node's claimed address:
 * an IP address literal must equal one of the certificate's IP subject alternative names, a host name must
 * equal one of its DNS names (ignoring case; wildcard names do not count here). No name is looked up. Stateless.
 */
final class CertificateNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {}

    /** Whether {@code certificate} names {@code host} (a host name, or an IP literal, IPv6 in brackets or not). */
    static boolean names(X509Certificate certificate, String host) throws CertificateParsingException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = IPV4.matcher(bare).matches() || bare.contains(":");
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            if (literal && type == IP_ADDRESS && sameAddress((String) name.get(1), bare)) {
                return true;
            }
            if (!literal && type == DNS_NAME && ((String) name.get(1)).equalsIgnoreCase(bare)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals: no lookup
        } catch (UnknownHostException malformed) {
            return false;
        }
    }
}
