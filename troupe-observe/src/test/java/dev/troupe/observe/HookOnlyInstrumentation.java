package dev.troupe.observe;

import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.DispatcherConfig;
import dev.troupe.actor.instrument.ActorTypeRecorder;
import dev.troupe.actor.instrument.Instrumentation;
import dev.troupe.actor.instrument.InstrumentedActor;
import dev.troupe.actor.instrument.MessageHook;

/**
 * Test helper: an instrumentation that records nothing and only installs a message hook, so that the hooks
 * can be tested without the metrics.
 */
final class HookOnlyInstrumentation implements Instrumentation {
    /** The name of a calling-thread dispatcher in {@link #settings}: its actors run inside their senders' tell. */
    static final String CALLING_THREAD = "calling-thread";

    private static final ActorTypeRecorder NO_RECORDER = new ActorTypeRecorder() {
        @Override
        public void actorStarted(InstrumentedActor actor) {}

        @Override
        public void actorStopped(InstrumentedActor actor, Throwable failure) {}

        @Override
        public void sampled(InstrumentedActor actor, long timeInMailboxNanos, long processingNanos, int depth,
                            int weight) {}
    };

    private final MessageHook hook;

    private HookOnlyInstrumentation(MessageHook hook) {
        this.hook = hook;
    }

    /**
     * Settings of a system that runs {@code hook}, with a {@link #CALLING_THREAD} dispatcher, and 4 threads:
     * tests block an actor on a latch while others must keep running, even on a one-CPU machine.
     */
    static ActorSystemSettings settings(MessageHook hook) {
        return ActorSystemSettings.builder()
                .parallelism(4)
                .dispatcher(CALLING_THREAD, DispatcherConfig.callingThread())
                .instrumentation(new HookOnlyInstrumentation(hook))
                .build();
    }

    @Override
    public ActorTypeRecorder recorderFor(String actorType) {
        return NO_RECORDER;
    }

    @Override
    public MessageHook messageHook() {
        return hook;
    }
}
