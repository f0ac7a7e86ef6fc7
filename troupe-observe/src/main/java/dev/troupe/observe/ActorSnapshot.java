package dev.troupe.observe;

import dev.troupe.actor.ActorPath;
import java.util.Objects;

/**
 * One actor as {@link ActorMetrics} saw it at one moment: who it is, where it runs, and its counters. Immutable;
 * the counters are recent values read without stopping the actor.
 *
 * @param path the actor's path (with its uid: pass it back to {@link ActorMetrics#actor}, {@link ActorMetrics#children}
 *     or {@link ActorMetrics#stop})
 * @param actorType its behavior's class, or the tag of {@link dev.troupe.actor.Props#withActorType}
 * @param mailboxKind {@code unbounded}, {@code bounded(capacity, strategy)}, {@code priority}, {@code control-aware}
 * @param dispatcher the name of the dispatcher that runs it
 * @param mailboxDepth messages waiting in its mailbox
 * @param messagesProcessed messages it has processed
 * @param estimatedProcessingNanos its sampled processing times times the sampling rate
 * @param estimatedMemoryBytes the runtime's estimate of its footprint (see
 *     {@link dev.troupe.actor.instrument.InstrumentedActor#estimatedMemoryBytes()})
 * @param ageNanos how long ago it was spawned
 * @param alive false once it has stopped for good (a stopped actor leaves the registry soon after)
 * @param childCount how many live children it has
 */
public record ActorSnapshot(ActorPath path, String actorType, String mailboxKind, String dispatcher, int mailboxDepth,
                            long messagesProcessed, long estimatedProcessingNanos, long estimatedMemoryBytes,
                            long ageNanos, boolean alive, int childCount) {
    public ActorSnapshot {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(mailboxKind, "mailboxKind");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }
}
