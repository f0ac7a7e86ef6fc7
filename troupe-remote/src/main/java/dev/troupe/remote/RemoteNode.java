package dev.troupe.remote;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.remote.internal.RemoteCore;
import java.util.List;
import java.util.Objects;

/**
 * Makes an {@link ActorSystem} a node that other nodes reach over TCP: the same {@link ActorRef}, {@code tell}
 * and {@link dev.troupe.actor.AskPattern ask} for actors on other nodes as for local ones.
 *
 * <pre>{@code
 * RemoteNode node = RemoteNode.start(system, RemoteSettings.defaults().withBind("10.0.0.7", 25520), types);
 * node.publish(orders);                                   // troupe://shop@10.0.0.7:25520/user/orders
 * ActorRef<Order> remote = otherNode.resolve("troupe://shop@10.0.0.7:25520/user/orders");
 * remote.tell(new Order(...));
 * }</pre>
 *
 * <p><b>Threading.</b> Every method is safe from any thread. I/O runs on the node's own event-loop threads.
 *
 * <p><b>Reachability.</b> Secure by default: another node reaches only actors that were {@linkplain #publish
 * published} and actors whose refs this node sent out in messages (even nested in records). A message for any
 * other path, or for a stopped actor, becomes a {@link dev.troupe.actor.DeadLetter} on the receiving node. A
 * ref that arrives in a message is usable at once: a ref to this node's actor is the local ref, a ref to another
 * node's actor is a remote ref.
 *
 * <p><b>Ordering and memory consistency.</b> Messages one thread (or actor) sends to one remote actor arrive in
 * the order sent, per lane: ordinary messages keep their order among themselves, and so do large ones (above
 * {@link RemoteSettings#withLargeMessageThreshold}), but a large message may arrive after ordinary messages sent
 * later. Actions before {@code tell(m)} happen-before the processing of the deserialized {@code m}, as far as
 * they are captured in {@code m} (nothing else crosses the wire).
 *
 * <p><b>Failure.</b> {@code tell} on a remote ref serializes on the calling thread and throws
 * {@link NotSerializableMessageException} if the message's type is not on the {@link MessageTypes} allow-list; everything else that stops a
 * message (a full outbound buffer, a node quarantined or restarted, a message too large for a frame, a closed
 * node) sends it to dead letters with the reason. A message that arrives but cannot be read is dropped with a
 * {@link RemoteEvent.DeliveryFailed} event. Connection failures are retried with backoff and published as
 * {@link RemoteEvent.ConnectionFailed}. Watching a remote actor gives {@link dev.troupe.actor.Terminated} when
 * it stops, when its node is quarantined (see {@link RemoteSettings.FailureDetection}), or when its node never
 * answered a handshake within the handshake timeout plus the down-after period.
 *
 * <p><b>Incarnations.</b> Each start of a node draws a random 64-bit incarnation id, sent in every handshake.
 * A remote ref that arrived in a message is tied to the incarnation its node had when the message was read;
 * once that node has restarted (a handshake shows a new incarnation) or was quarantined, messages to the old
 * ref go to dead letters and are never delivered to the new process. A ref from {@link #resolve} names a path,
 * not a process: it is tied to no incarnation and reaches whichever incarnation answers (with a {@code #uid}
 * in the path, only that very actor, which a restarted node does not have).
 *
 * <p><b>Lifecycle.</b> The node closes when its system terminates, or on {@link #close()}.
 */
public final class RemoteNode implements AutoCloseable {
    private final RemoteCore core;

    private RemoteNode(RemoteCore core) {
        this.core = core;
    }

    /**
     * Starts listening as configured and returns the node; with bind port 0 the bound port becomes part of
     * {@link #address()}.
     *
     * @throws IllegalStateException if the address cannot be bound or the TLS key and trust stores cannot be
     *     loaded, naming which and why
     * @throws IllegalArgumentException if the bind host is a wildcard and no canonical host is set
     */
    public static RemoteNode start(ActorSystem<?> system, RemoteSettings settings, MessageTypes types) {
        return start(system, settings, types, List.of());
    }

    /** Like {@link #start(ActorSystem, RemoteSettings, MessageTypes)}, with serializers of your own. */
    public static RemoteNode start(ActorSystem<?> system, RemoteSettings settings, MessageTypes types,
                                   List<RemoteSerializer> serializers) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(serializers, "serializers");
        return new RemoteNode(RemoteCore.start((ActorSystemImpl<?>) system, settings, types, serializers));
    }

    /** This node's address as a root path, {@code troupe://<system>@<host>:<port>/}. */
    public ActorPath address() {
        return core.address();
    }

    /** The random id of this start of the node, sent in every handshake. */
    public long incarnation() {
        return core.incarnation();
    }

    /**
     * Makes a local actor reachable from other nodes by its path under this node's address, with or without
     * its uid: {@code /user/orders} becomes {@code troupe://shop@10.0.0.7:25520/user/orders}. The actor is
     * forgotten when it stops. Publishing twice does nothing more.
     *
     * @throws IllegalArgumentException if {@code ref} is not an actor of this node's system
     */
    public void publish(ActorRef<?> ref) {
        core.publish(Objects.requireNonNull(ref, "ref"));
    }

    /**
     * The ref for a path such as {@code troupe://shop@10.0.0.7:25520/user/orders} (with or without
     * {@code #uid}). For another node's path, a remote ref, whether or not that node is up; for this node's
     * address, the local actor if it is reachable from other nodes, otherwise a ref whose messages are dead
     * letters. Without a uid, the remote node delivers to the actor published at that path.
     *
     * @throws IllegalArgumentException if {@code path} is not a Troupe path with an address
     *     ({@code troupe://system@host:port/...})
     */
    public <T> ActorRef<T> resolve(String path) {
        return core.resolve(Objects.requireNonNull(path, "path")).unsafeUpcast();
    }

    /**
     * Closes the listening socket and every connection and stops the I/O threads; messages still waiting to
     * be sent go to dead letters. Idempotent; returns when the threads have stopped.
     */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "RemoteNode[" + address() + "]";
    }
}
