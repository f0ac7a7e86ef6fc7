package dev.troupe.remote.internal.transport;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.ActorSystemImpl;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import dev.troupe.remote.RemoteEvent;
import dev.troupe.remote.RemoteSettings;
import dev.troupe.remote.internal.failure.PhiAccrualFailureDetector;
import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.Lane;
import io.netty.channel.Channel;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Everything this node knows about one other node (by its address), created on first contact in either
 * direction and kept for the life of the node.
 *
 * Incarnations. The first handshake (ours accepted, or theirs accepted) tells the peer's incarnation. A
 * handshake with another one means the peer process restarted: the old incarnation is quarantined (its
 * watchers get Terminated, what waited for it goes to dead letters, its refs are dead from then on) and the
 * new one becomes current. A quarantined incarnation never gets a connection again, in either direction.
 *
 * Remote watches. `watches` maps a watched remote ref to the local actors watching it, so that a quarantine
 * can tell each of them; the remote side keeps its own side of the watch (in the watchee's cell).
 */

/** This node's view of another node: its lanes, incarnation and the local watchers of its actors. Thread-safe. */
public final class Association {
    private static final Logger LOG = LoggerFactory.getLogger(Association.class);
    private static final Frame.Heartbeat HEARTBEAT = new Frame.Heartbeat();

    private final Transport transport;
    private final ActorPath node;
    private final String address;
    private final Map<Lane, OutboundLane> lanes = new EnumMap<>(Lane.class);
    // guarded by this
    private long incarnation;
    private final Set<Long> quarantined = new HashSet<>();
    private final Map<InternalRef<?>, Set<InternalRef<?>>> watches = new HashMap<>();
    /** Watches the other way: actors of that node watching local ones (the local cells hold the watch). */
    private final Set<InboundWatch> watchedFromThere = new HashSet<>();
    /** Fed by heartbeat acknowledgements of the current incarnation; a new one for each incarnation. */
    private PhiAccrualFailureDetector detector;
    /** When the detector first said unavailable, or 0 while reachable. */
    private long unreachableSince;
    /** Inbound connections from that node, with the incarnation each handshook as. */
    private final Map<Channel, Long> inbound = new HashMap<>();
    /** When this association was first found in use with no handshake done yet, or 0. */
    private long unansweredSince;

    Association(Transport transport, ActorPath node) {
        this.transport = transport;
        this.node = node;
        this.address = node.address();
        for (Lane lane : Lane.values()) {
            lanes.put(lane, new OutboundLane(this, lane));
        }
        this.detector = newDetector();
    }

    private PhiAccrualFailureDetector newDetector() {
        RemoteSettings.FailureDetection fd = settings().failureDetection();
        return new PhiAccrualFailureDetector(fd.threshold(), fd.maxSampleSize(), fd.minStdDeviation(),
                fd.acceptableHeartbeatPause(), fd.firstHeartbeatEstimate(), System::nanoTime);
    }

    /** The other node's root path, {@code troupe://system@host:port/}. */
    public ActorPath node() {
        return node;
    }

    /** The incarnation of the other node last handshaken with, or 0 before the first handshake. */
    public synchronized long incarnation() {
        return incarnation;
    }

    /**
     * Sends a frame to the other node on {@code lane}, or dead-letters {@code out} with the reason. Any thread;
     * frames sent by one thread on one lane arrive in order.
     */
    public void send(Lane lane, Outgoing out) {
        lanes.get(lane).send(out);
    }

    /**
     * {@code localWatcher} watches {@code remoteWatchee}, an actor of this association's node: remembers it for
     * a quarantine and sends {@code frame}, or tells the watcher at once if that incarnation is quarantined.
     */
    public void watch(InternalRef<?> remoteWatchee, InternalRef<?> localWatcher, long refIncarnation,
                      Frame.Watch frame) {
        boolean dead;
        synchronized (this) {
            dead = refIncarnation != 0 && quarantined.contains(refIncarnation);
            if (!dead) {
                watches.computeIfAbsent(remoteWatchee, k -> new HashSet<>()).add(localWatcher);
            }
        }
        if (dead) {
            localWatcher.sendSystem(new SystemMessage.DeathWatchNotification(remoteWatchee, null));
        } else {
            send(Lane.CONTROL, new Outgoing(frame, refIncarnation, null, remoteWatchee));
        }
    }

    /** {@code localWatcher} no longer watches {@code remoteWatchee}: forgets it and sends {@code frame}. */
    public void unwatch(InternalRef<?> remoteWatchee, InternalRef<?> localWatcher, long refIncarnation,
                        Frame.Unwatch frame) {
        boolean wasWatching;
        synchronized (this) {
            Set<InternalRef<?>> watchers = watches.get(remoteWatchee);
            wasWatching = watchers != null && watchers.remove(localWatcher);
            if (watchers != null && watchers.isEmpty()) {
                watches.remove(remoteWatchee);
            }
        }
        if (wasWatching) {
            send(Lane.CONTROL, new Outgoing(frame, refIncarnation, null, remoteWatchee));
        }
    }

    /**
     * A watch of local actor {@code local} by {@code remoteWatcher} on the other node, which named the local
     * actor {@code alias}. Remembered so that this node heartbeats the other one while it holds such watches,
     * and ends them if the other node is quarantined.
     */
    public record InboundWatch(InternalRef<?> local, InternalRef<?> alias, InternalRef<?> remoteWatcher) {}

    /** The other node watches (or, with {@code added} false, no longer watches) one of our actors. */
    public synchronized void watchedFromThere(InboundWatch watch, boolean added) {
        if (added) {
            watchedFromThere.add(watch);
        } else {
            watchedFromThere.remove(watch);
        }
    }

    /** A local actor the other node watched, named {@code alias} there, stopped: that watch is over. */
    public synchronized void watchedFromThereEnded(InternalRef<?> alias, InternalRef<?> remoteWatcher) {
        watchedFromThere.removeIf(w -> w.alias().equals(alias) && w.remoteWatcher().equals(remoteWatcher));
    }

    /** The other node says {@code remoteActor} stopped; tells {@code localWatcher} if it still watches. */
    public void remoteTerminated(InternalRef<?> remoteActor, InternalRef<?> localWatcher) {
        synchronized (this) {
            Set<InternalRef<?>> watchers = watches.get(remoteActor);
            if (watchers != null) {
                watchers.remove(localWatcher);
                if (watchers.isEmpty()) {
                    watches.remove(remoteActor);
                }
            }
        }
        localWatcher.sendSystem(new SystemMessage.DeathWatchNotification(remoteActor, null));
    }

    /**
     * A handshake (either way) reported {@code peerIncarnation}. Returns null if this node may talk to it,
     * otherwise the reason not to; quarantines the previous incarnation if the peer restarted.
     */
    String handshaken(long peerIncarnation) {
        long previous;
        synchronized (this) {
            if (quarantined.contains(peerIncarnation)) {
                return "incarnation " + Long.toHexString(peerIncarnation) + " of " + node + " is quarantined";
            }
            previous = incarnation;
            incarnation = peerIncarnation;
            if (previous != peerIncarnation) {
                detector = newDetector();
                detector.heartbeat(); // the handshake is the first sign of life: a node may die before any ack
                unreachableSince = 0;
            }
        }
        if (previous != 0 && previous != peerIncarnation) {
            quarantine(previous, "it restarted as incarnation " + Long.toHexString(peerIncarnation), true);
        }
        return null;
    }

    /** Whether {@code peerIncarnation} was given up on. */
    public synchronized boolean isQuarantined(long peerIncarnation) {
        return quarantined.contains(peerIncarnation);
    }

    /**
     * Gives up on incarnation {@code gone} of the other node: watchers of its actors get Terminated, waiting
     * messages for it go to dead letters, and it may not connect again. If the node {@code restarted}, waiting
     * messages tied to no incarnation stay, for the new one.
     */
    void quarantine(long gone, String reason, boolean restarted) {
        Map<InternalRef<?>, Set<InternalRef<?>>> watched;
        List<InboundWatch> endedThere;
        synchronized (this) {
            if (!quarantined.add(gone)) {
                return;
            }
            if (incarnation == gone) {
                incarnation = 0;
                detector = newDetector();
                unreachableSince = 0;
            }
            watched = new HashMap<>(watches);
            watches.clear();
            endedThere = List.copyOf(watchedFromThere);
            watchedFromThere.clear();
        }
        LOG.warn("Quarantined incarnation {} of {}: {}", Long.toHexString(gone), node, reason);
        endedThere.forEach(w -> w.local().sendSystem(new SystemMessage.Unwatch(w.alias(), w.remoteWatcher())));
        String why = "incarnation " + Long.toHexString(gone) + " of " + node + " is quarantined: " + reason;
        for (OutboundLane lane : lanes.values()) {
            lane.quarantined(gone, restarted).forEach(out -> undeliverable(out, why));
        }
        List<Channel> inboundOfGone;
        synchronized (this) {
            inboundOfGone = inbound.entrySet().stream().filter(e -> e.getValue() == gone).map(Map.Entry::getKey)
                    .toList();
        }
        inboundOfGone.forEach(Channel::close);
        notifyWatchers(watched);
        system().eventStream().publish(new RemoteEvent.Quarantined(node, gone, reason));
    }

    /** Sends {@code out}'s message to dead letters with the reason; this node's own frames only to the log. */
    void undeliverable(Outgoing out, String reason) {
        if (out.message() != null) {
            system().deadLetter(out.message(), out.recipient(), "not sent to " + node + ": " + reason);
        } else {
            LOG.debug("{} not sent to {}: {}", out.frame().getClass().getSimpleName(), node, reason);
        }
    }

    /** An inbound connection from this node, handshaken as {@code peerIncarnation}, opened or closed. */
    synchronized void inbound(Channel channel, long peerIncarnation, boolean open) {
        if (open) {
            inbound.put(channel, peerIncarnation);
        } else {
            inbound.remove(channel);
        }
    }

    /** A heartbeat came back on the control lane. On the event loop. */
    synchronized void heartbeatAcknowledged() {
        detector.heartbeat();
    }

    /**
     * Every heartbeat interval: keeps the control lane up while this association is in use, sends a heartbeat,
     * and turns the detector's verdict into events, and into a quarantine once the node has been unreachable
     * for the down-after period. A node that never answered a handshake has no incarnation to quarantine: after
     * the handshake timeout plus the down-after period, what waits for it goes to dead letters and watchers of
     * its actors get Terminated instead. On an event loop; {@code now} from {@link System#nanoTime()}.
     */
    void tick(long now) {
        if (!inUse()) {
            synchronized (this) {
                unansweredSince = 0;
            }
            return;
        }
        OutboundLane control = lanes.get(Lane.CONTROL);
        control.ensureConnected();
        control.sendIfConnected(HEARTBEAT);
        RemoteEvent event = null;
        long quarantine = 0;
        boolean giveUp = false;
        RemoteSettings.FailureDetection fd = settings().failureDetection();
        synchronized (this) {
            if (incarnation == 0) {
                if (unansweredSince == 0) {
                    unansweredSince = now;
                } else if (now - unansweredSince >= settings().handshakeTimeout().plus(fd.downAfter()).toNanos()) {
                    unansweredSince = 0;
                    giveUp = true;
                }
            } else if (detector.isMonitoring()) {
                unansweredSince = 0;
                if (detector.isAvailable()) {
                    if (unreachableSince != 0) {
                        unreachableSince = 0;
                        event = new RemoteEvent.Reachable(node);
                    }
                } else if (unreachableSince == 0) {
                    unreachableSince = now;
                    event = new RemoteEvent.Unreachable(node);
                } else if (now - unreachableSince >= fd.downAfter().toNanos()) {
                    quarantine = incarnation;
                }
            }
        }
        if (event != null) {
            LOG.info("{} is {}", node, event instanceof RemoteEvent.Reachable ? "reachable again" : "unreachable");
            system().eventStream().publish(event);
        }
        if (quarantine != 0) {
            quarantine(quarantine, "unreachable for longer than " + fd.downAfter().toMillis()
                    + " ms after the failure detector's threshold", false);
        }
        if (giveUp) {
            giveUpUnanswered();
        }
    }

    private void giveUpUnanswered() {
        String reason = "no handshake with " + node + " within " + settings().handshakeTimeout().plus(
                settings().failureDetection().downAfter()).toMillis() + " ms";
        LOG.warn("Giving up on what waits for {}: {}", node, reason);
        Map<InternalRef<?>, Set<InternalRef<?>>> watched;
        synchronized (this) {
            watched = new HashMap<>(watches);
            watches.clear();
        }
        for (OutboundLane lane : lanes.values()) {
            lane.drop().forEach(out -> undeliverable(out, reason));
        }
        notifyWatchers(watched);
        system().eventStream().publish(new RemoteEvent.Unreachable(node));
    }

    private static void notifyWatchers(Map<InternalRef<?>, Set<InternalRef<?>>> watched) {
        watched.forEach((watchee, watchers) -> watchers.forEach(
                watcher -> watcher.sendSystem(new SystemMessage.DeathWatchNotification(watchee, null))));
    }

    /** Whether anything uses this association: watches either way, or a lane connected or waiting. */
    private boolean inUse() {
        synchronized (this) {
            if (!watches.isEmpty() || !watchedFromThere.isEmpty()) {
                return true;
            }
        }
        for (OutboundLane lane : lanes.values()) {
            if (lane.isBusy()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code lane} should stay connected with nothing to send: the control lane while watches exist. */
    synchronized boolean wantsLane(Lane lane) {
        return lane == Lane.CONTROL && (!watches.isEmpty() || !watchedFromThere.isEmpty());
    }

    /** Closes every lane for good, dead-lettering what waited. */
    void close() {
        for (OutboundLane lane : lanes.values()) {
            lane.close().forEach(out -> undeliverable(out, "the remote node of this system closed"));
        }
    }

    String address() {
        return address;
    }

    Transport transport() {
        return transport;
    }

    RemoteSettings settings() {
        return transport.settings();
    }

    ActorSystemImpl<?> system() {
        return transport.system();
    }

    @Override
    public String toString() {
        return "Association[" + node + "]";
    }
}
