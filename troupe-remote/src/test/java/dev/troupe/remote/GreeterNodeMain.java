package dev.troupe.remote;

import dev.troupe.actor.ActorSystem;
import dev.troupe.remote.RemoteNodeTest.Chat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A node in its own JVM, for multi-JVM tests: {@code GreeterNodeMain <system> <port> <dev-key-dir|plaintext>}
 * starts a system whose guardian is the {@link RemoteNodeTest#greeter()}, published at {@code /user}, with a
 * remote node on 127.0.0.1, prints {@code READY <address> <incarnation>} and runs until its standard input closes
 * or the process is killed.
 */
public final class GreeterNodeMain {
    private GreeterNodeMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GreeterNodeMain <system> <port> <dev-key-dir|plaintext>");
            System.exit(2);
        }
        RemoteSettings.Tls tls = args[2].equals("plaintext") ? new RemoteSettings.Tls.Plaintext()
                : new RemoteSettings.Tls.Development(Path.of(args[2]));
        ActorSystem<Chat> system = ActorSystem.create(RemoteNodeTest.greeter(), args[0]);
        RemoteNode node = RemoteNode.start(system, RemoteSettings.defaults()
                .withBind("127.0.0.1", Integer.parseInt(args[1])).withTls(tls), RemoteNodeTest.TYPES);
        node.publish(system); // the guardian, at /user, is the greeter
        System.out.println("READY " + node.address() + " " + Long.toHexString(node.incarnation()));
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until stdin closes
        }
        system.terminate();
    }
}
