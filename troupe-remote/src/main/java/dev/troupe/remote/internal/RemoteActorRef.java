package dev.troupe.remote.internal;

import dev.troupe.actor.ActorPath;
import dev.troupe.actor.internal.InternalRef;
import dev.troupe.actor.internal.SystemMessage;
import dev.troupe.remote.internal.serialization.SerializedMessage;
import dev.troupe.remote.internal.transport.Association;
import dev.troupe.remote.internal.transport.Outgoing;
import dev.troupe.remote.internal.wire.Frame;
import dev.troupe.remote.internal.wire.Lane;

/**
 * A ref to an actor on another node. {@code tell} serializes on the calling thread and hands the frame to the
 * association's lane; watch, unwatch and death notifications go on the control lane. Tied to the incarnation
 * of its node that was current when the ref was made (0 if none was known yet: then its messages go to
 * whichever incarnation answers). Thread-safe.
 */
final class RemoteActorRef<T> extends InternalRef<T> {
    private final RemoteCore core;
    private final Association association;
    private final long incarnation;
    private final String wirePath;

    RemoteActorRef(ActorPath path, RemoteCore core, Association association, long incarnation) {
        super(path);
        this.core = core;
        this.association = association;
        this.incarnation = incarnation;
        this.wirePath = path.toStringWithUid();
    }

    /** {@inheritDoc} Throws the serialization's exception at once if the message's type is not allowed. */
    @Override
    public void tell(T message) {
        requireMessage(message);
        SerializedMessage serialized = core.serialization().serialize(message);
        Frame.Message frame = new Frame.Message(wirePath, serialized.serializerId(), serialized.manifest(),
                serialized.payload());
        int size = serialized.payload().length;
        int limit = core.settings().maxFrameSize() - RemoteCore.ENVELOPE_ALLOWANCE;
        if (size > limit) {
            core.system().deadLetter(message, this, "the serialized message is " + size + " bytes, more than the"
                    + " frame size limit allows (" + limit + " bytes of payload; see RemoteSettings.withMaxFrameSize)");
            return;
        }
        Lane lane = size > core.settings().largeMessageThreshold() ? Lane.LARGE : Lane.ORDINARY;
        association.send(lane, new Outgoing(frame, incarnation, message, this));
    }

    @Override
    public void sendSystem(SystemMessage message) {
        switch (message) {
            case SystemMessage.Watch watch -> association.watch(this, watch.watcher(), incarnation,
                    new Frame.Watch(wirePath, core.toWire(watch.watcher())));
            case SystemMessage.Unwatch unwatch -> association.unwatch(this, unwatch.watcher(), incarnation,
                    new Frame.Unwatch(wirePath, core.toWire(unwatch.watcher())));
            case SystemMessage.DeathWatchNotification death -> {
                association.watchedFromThereEnded(death.actor(), this);
                association.send(Lane.CONTROL, new Outgoing(
                        new Frame.Terminated(core.toWire(death.actor()), wirePath), incarnation, null, this));
            }
            case SystemMessage.Create create -> { } // remote actors are never created through a ref
            case SystemMessage.Terminate terminate -> { } // nor stopped: only a parent stops, and it is local
        }
    }

    @Override
    public boolean isTerminated() {
        return incarnation != 0 && association.isQuarantined(incarnation);
    }
}
