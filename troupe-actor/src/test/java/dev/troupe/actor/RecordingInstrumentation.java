package dev.troupe.actor;

import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An instrumentation that keeps everything the runtime reports, per actor type, for tests to look at. */
class RecordingInstrumentation implements Instrumentation {
    record Sample(ActorPath actor, long timeInMailboxNanos, long processingNanos, int mailboxDepth, int weight) {}

    record Stop(InstrumentedActor actor, Throwable failure) {}

    static final class Recorder implements ActorTypeRecorder {
        final ConcurrentLinkedQueue<InstrumentedActor> started = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Stop> stopped = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

        @Override
        public void actorStarted(InstrumentedActor actor) {
            started.add(actor);
        }

        @Override
        public void actorStopped(InstrumentedActor actor, Throwable failure) {
            stopped.add(new Stop(actor, failure));
        }

        @Override
        public void sampled(InstrumentedActor actor, long timeInMailboxNanos, long processingNanos, int depth,
                            int weight) {
            samples.add(new Sample(actor.path(), timeInMailboxNanos, processingNanos, depth, weight));
        }

        List<Sample> samplesOf(ActorRef<?> actor) {
            return samples.stream().filter(s -> s.actor().equals(actor.path())).toList();
        }

        InstrumentedActor actor(ActorRef<?> ref) {
            return started.stream().filter(a -> a.path().equals(ref.path())).findFirst()
                    .orElseThrow(() -> new AssertionError("no actorStarted for " + ref.path()));
        }
    }

    private final int sampleEvery;
    private final MessageHook hook;
    private final Duration minSampleSpacing;
    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

    /** Samples one in {@code sampleEvery} messages exactly: throttling off. */
    RecordingInstrumentation(int sampleEvery, MessageHook hook) {
        this(sampleEvery, hook, Duration.ZERO);
    }

    RecordingInstrumentation(int sampleEvery, MessageHook hook, Duration minSampleSpacing) {
        this.sampleEvery = sampleEvery;
        this.hook = hook;
        this.minSampleSpacing = minSampleSpacing;
    }

    @Override
    public int sampleEvery() {
        return sampleEvery;
    }

    @Override
    public Duration minSampleSpacing() {
        return minSampleSpacing;
    }

    @Override
    public ActorTypeRecorder recorderFor(String actorType) {
        return recorders.computeIfAbsent(actorType, type -> new Recorder());
    }

    @Override
    public MessageHook messageHook() {
        return hook;
    }

    /** The recorder of {@code actorType}, which must have been asked for. */
    Recorder recorder(String actorType) {
        return Optional.ofNullable(recorders.get(actorType))
                .orElseThrow(() -> new AssertionError("no recorder for " + actorType + "; have " + recorders.keySet()));
    }

    java.util.Set<String> actorTypes() {
        return recorders.keySet();
    }

    /** How many actors have been reported started so far. */
    int startedCount() {
        return recorders.values().stream().mapToInt(r -> r.started.size()).sum();
    }
}
