package dev.troupe.remote.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.RemoteEvent;
import dev.troupe.remote.RemoteSerializer;
import dev.troupe.remote.RemoteSettings;
import dev.troupe.remote.internal.serialization.RefResolver;
import dev.troupe.remote.internal.serialization.Serialization;
import dev.troupe.remote.internal.tls.TlsContexts;
import dev.troupe.remote.internal.transport.Association;
import dev.troupe.remote.internal.transport.Delivery;
import dev.troupe.remote.internal.transport.Transport;
import dev.troupe.remote.internal.wire.Frame;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Refs on the wire (the RefResolver side):
 *   out: a remote ref goes as its own path; an UnresolvedRef (a path of ours as another node named it) as that
 *        path; any other ref is local: it goes re-rooted to this node's address and enters the export table,
 *        so that it resolves when it comes back.
 *   in:  a path with this node's address resolves through the export table (or to an UnresolvedRef: dead
 *        letters); a path of another node to a RemoteActorRef over that node's association; a path without a
 *        host is not valid on the wire.
 *
 * Inbound frames (the Delivery side) arrive on event-loop or delivery threads, in order per connection, and
 * are delivered with plain tell and sendSystem, which never block.
 */

/** The inside of a RemoteNode: refs, exports, serialization and the transport, tied together. Thread-safe. */
public final class RemoteCore implements RefResolver, Delivery {
    /** Bytes of a frame left for the envelope (type, recipient, serializer id, manifest) when sizing payloads. */
    static final int ENVELOPE_ALLOWANCE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCore.class);

    private final ActorSystemImpl<?> system;
    private final RemoteSettings settings;
    private final ExportTable exports;
    private final RecipientCache recipients = new RecipientCache();
    private final Serialization serialization;
    private final Transport transport;
    private final ActorPath address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteCore(ActorSystemImpl<?> system, RemoteSettings settings, MessageTypes types,
                       List<RemoteSerializer> serializers) {
        this.system = system;
        this.settings = settings;
        this.exports = new ExportTable(system.path().root());
        this.serialization = new Serialization(types, serializers, this);
        this.transport = new Transport(system, settings, TlsContexts.of(settings.tls()), newIncarnation(), this);
        this.address = transport.bind();
    }

    /** Starts listening; see {@link dev.troupe.remote.RemoteNode#start}. */
    public static RemoteCore start(ActorSystemImpl<?> system, RemoteSettings settings, MessageTypes types,
                                   List<RemoteSerializer> serializers) {
        if (settings.canonicalHost().isEmpty() && isWildcard(settings.bindHost())) {
            throw new IllegalArgumentException("Binding to " + settings.bindHost() + " needs a canonical host, the"
                    + " address other nodes reach this one at: RemoteSettings.withCanonicalHost");
        }
        RemoteCore core = new RemoteCore(system, settings, types, List.copyOf(serializers));
        system.whenTerminated().thenRun(core::close);
        LOG.info("Remote node {} listening (incarnation {}, {})", core.address, Long.toHexString(core.incarnation()),
                settings.tls().getClass().getSimpleName());
        return core;
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static long newIncarnation() {
        SecureRandom random = new SecureRandom();
        long incarnation;
        do {
            incarnation = random.nextLong();
        } while (incarnation == 0);
        return incarnation;
    }

    public ActorPath address() {
        return address;
    }

    public long incarnation() {
        return transport.incarnation();
    }

    /** See {@link dev.troupe.remote.RemoteNode#publish}. */
    public void publish(ActorRef<?> ref) {
        if (!(ref instanceof InternalRef<?> local) || ref instanceof RemoteActorRef || ref instanceof UnresolvedRef
                || !ref.path().address().equals(system.path().address())) {
            throw new IllegalArgumentException("Only actors of this node's system (" + system.name() + ") can be"
                    + " published; " + ref.path() + " is not one");
        }
        exports.publish(local);
    }

    /** See {@link dev.troupe.remote.RemoteNode#resolve}. */
    public ActorRef<?> resolve(String path) {
        return refFor(path, false);
    }

    @Override
    public String toWire(ActorRef<?> ref) {
        if (ref instanceof RemoteActorRef<?> || ref instanceof UnresolvedRef) {
            return ref.path().toStringWithUid();
        }
        InternalRef<?> local = (InternalRef<?>) ref;
        exports.export(local);
        return local.path().withRoot(address).toStringWithUid();
    }

    @Override
    public ActorRef<?> fromWire(String text) {
        return refFor(text, true);
    }

    /**
     * The ref for {@code text}; a remote one tied to its node's current incarnation if {@code tied} (a ref that
     * came in a message), otherwise to none (a path a user named, which means whichever process runs there).
     */
    private ActorRef<?> refFor(String text, boolean tied) {
        ActorPath path = ActorPath.parse(text);
        ActorPath root = path.root();
        if (root.equals(address)) {
            InternalRef<?> local = exports.lookup(path);
            return local != null ? local : new UnresolvedRef(path, system);
        }
        if (root.port() < 0) {
            throw new IllegalArgumentException("A path from another node must carry its node's address"
                    + " (troupe://system@host:port/...), was " + text);
        }
        Association association = transport.association(root);
        return new RemoteActorRef<>(path, this, association, tied ? association.incarnation() : 0);
    }

    @Override
    public void deliver(Association from, Frame frame) {
        try {
            switch (frame) {
                case Frame.Message message -> deliverMessage(from, message);
                case Frame.Watch watch -> {
                    InternalRef<?> watcher = remoteRef(watch.watcher());
                    ActorPath watchee = localPath(watch.watchee());
                    InternalRef<?> local = exports.lookup(watchee);
                    UnresolvedRef asNamed = new UnresolvedRef(watchee, system);
                    if (local == null) {
                        watcher.sendSystem(new SystemMessage.DeathWatchNotification(asNamed, null));
                    } else {
                        from.watchedFromThere(new Association.InboundWatch(local, asNamed, watcher), true);
                        local.sendSystem(new SystemMessage.Watch(asNamed, watcher));
                    }
                }
                case Frame.Unwatch unwatch -> {
                    ActorPath watchee = localPath(unwatch.watchee());
                    InternalRef<?> local = exports.lookup(watchee);
                    if (local != null) {
                        UnresolvedRef asNamed = new UnresolvedRef(watchee, system);
                        InternalRef<?> watcher = remoteRef(unwatch.watcher());
                        from.watchedFromThere(new Association.InboundWatch(local, asNamed, watcher), false);
                        local.sendSystem(new SystemMessage.Unwatch(asNamed, watcher));
                    }
                }
                case Frame.Terminated terminated -> {
                    InternalRef<?> watcher = exports.lookup(localPath(terminated.watcher()));
                    if (watcher != null) {
                        from.remoteTerminated(remoteRef(terminated.actor()), watcher);
                    }
                }
                default -> throw new IllegalArgumentException("not a frame to deliver: " + frame);
            }
        } catch (RuntimeException e) {
            failed(from, recipientOf(frame), e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private void deliverMessage(Association from, Frame.Message frame) {
        InternalRef<?> target = recipients.get(frame.recipient());
        ActorPath recipient = null;
        if (target == null) {
            recipient = localPath(frame.recipient());
            target = exports.lookup(recipient);
            if (target != null) {
                recipients.remember(frame.recipient(), target);
            }
        }
        Object message = serialization.deserialize(frame.serializerId(), frame.manifest(), frame.payload());
        if (target == null) {
            system.deadLetter(message, new UnresolvedRef(recipient, system), UnresolvedRef.NOT_REACHABLE);
        } else {
            @SuppressWarnings("unchecked")
            InternalRef<Object> typed = (InternalRef<Object>) target;
            typed.tell(message);
        }
    }

    /** A path that must name an actor of this node. */
    private ActorPath localPath(String text) {
        ActorPath path = ActorPath.parse(text);
        if (!path.root().equals(address)) {
            throw new IllegalArgumentException(text + " is not a path of this node (" + address + ")");
        }
        return path;
    }

    /** A path that must name an actor of another node. */
    private InternalRef<?> remoteRef(String text) {
        if (fromWire(text) instanceof RemoteActorRef<?> remote) {
            return remote;
        }
        throw new IllegalArgumentException(text + " is not a path of another node");
    }

    private static String recipientOf(Frame frame) {
        return switch (frame) {
            case Frame.Message m -> m.recipient();
            case Frame.Watch w -> w.watchee();
            case Frame.Unwatch u -> u.watchee();
            case Frame.Terminated t -> t.watcher();
            default -> "";
        };
    }

    private void failed(Association from, String recipient, String reason) {
        LOG.warn("A message from {} to {} was not delivered: {}", from.node(), recipient, reason);
        system.eventStream().publish(new RemoteEvent.DeliveryFailed(from.node(), recipient, reason));
    }

    /** Closes the transport; idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
            LOG.info("Remote node {} closed", address);
        }
    }

    Serialization serialization() {
        return serialization;
    }

    RemoteSettings settings() {
        return settings;
    }

    ActorSystemImpl<?> system() {
        return system;
    }
}
