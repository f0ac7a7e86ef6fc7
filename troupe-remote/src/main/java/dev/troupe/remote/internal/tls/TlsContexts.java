package dev.troupe.remote.internal.tls;

import dev.troupe.remote.RemoteSettings.Tls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server and client TLS contexts of a node, both requiring the peer's certificate (mutual TLS), TLS 1.3
 * only. Null {@link #of} result means plaintext. Immutable; any thread.
 */
public final class TlsContexts {
    private final SslContext server;
    private final SslContext client;
    private final boolean checkPeerNames;

    private TlsContexts(SslContext server, SslContext client, boolean checkPeerNames) {
        this.server = server;
        this.client = client;
        this.checkPeerNames = checkPeerNames;
    }

    /**
     * The contexts for {@code tls}, or null for {@link Tls.Plaintext}.
     *
     * @throws IllegalStateException naming the file and the cause, if a key or trust store cannot be used
     */
    public static TlsContexts of(Tls tls) {
        return switch (tls) {
            case Tls.Plaintext plaintext -> null;
            case Tls.Development(Path directory) -> {
                KeyStore keys = DevelopmentKey.loadOrCreate(directory);
                yield build(keys, DevelopmentKey.PASSWORD, trustingOnly(keys), false, directory.toString());
            }
            case Tls.Mutual mutual -> build(load(mutual.keyStore(), mutual.keyStorePassword()),
                    mutual.keyStorePassword(), load(mutual.trustStore(), mutual.trustStorePassword()),
                    mutual.verifyHostname(), mutual.keyStore() + " / " + mutual.trustStore());
        };
    }

    /** A handler for an accepted connection. */
    public SslHandler serverHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /** A handler for a connection to {@code host:port}. */
    public SslHandler clientHandler(ByteBufAllocator alloc, String host, int port) {
        return client.newHandler(alloc, host, port);
    }

    /**
     * Why the node at the other end of {@code channel}, an accepted connection whose TLS handshake is done, may
     * not claim {@code host} as its host; null if it may. Only with {@link Tls.Mutual#verifyHostname()}: its
     * certificate must name the host (see {@link CertificateNames}); otherwise any trusted certificate may claim
     * any address. On the channel's event loop.
     */
    public String peerNameProblem(Channel channel, String host) {
        if (!checkPeerNames) {
            return null;
        }
        try {
            Certificate[] chain = channel.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate
                    && CertificateNames.names(certificate, host)) {
                return null;
            }
            return "its certificate does not name " + host + ", the host of the address it claims";
        } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
            return "its certificate cannot be checked against " + host + ": " + e.getMessage();
        }
    }

    private static TlsContexts build(KeyStore keys, char[] keyPassword, KeyStore trusted, boolean verifyHostname,
                                     String source) {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPassword);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SslContext server = SslContextBuilder.forServer(keyManagers).trustManager(trustManagers)
                    .clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.3").build();
            SslContext client = SslContextBuilder.forClient().keyManager(keyManagers).trustManager(trustManagers)
                    .endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null).protocols("TLSv1.3").build();
            return new TlsContexts(server, client, verifyHostname);
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("Cannot set up TLS from " + source + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustingOnly(KeyStore keys) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("troupe-dev-cluster", keys.getCertificate(DevelopmentKey.ALIAS));
            return trusted;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot make the development trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key store " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the key store " + file + ": " + e.getMessage(), e);
        }
    }
}
