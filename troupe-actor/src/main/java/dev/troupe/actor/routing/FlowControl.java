package dev.troupe.actor.routing;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.internal.routing.CreditInterceptor;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Credit-based flow control between a producer actor and a consumer actor, so that a fast producer never
 * overruns a slow consumer and nothing is dropped. The consumer grants <em>credits</em> (demand): at first a
 * window of {@code N}, then one more for each message it has processed (in batches of {@code max(1, N/2)}). The
 * producer sends only while it has credits and buffers the rest, so at most {@code N} of its messages are ever
 * outstanding (queued at or being processed by the consumer): the consumer's mailbox holds at most {@code N}
 * of them, whatever the producer's speed. Works over any mailbox; no bounded mailbox is needed.
 *
 * <pre>{@code
 * // consumer: wrap its behavior
 * ActorRef<FlowControl.Inbound<Item>> consumer = ctx.spawn(FlowControl.consumer(16, store()), "store");
 * // producer (inside its setup): an adapter for demand, and the helper
 * ActorRef<FlowControl.Demand> demand = ctx.messageAdapter(GotDemand::new);
 * FlowControl.Producer<Item> out = FlowControl.producer(consumer, demand);
 * // ... out.offer(item) for each item; on GotDemand(d): out.onDemand(d)
 * }</pre>
 *
 * The buffering moves to the producer: {@link Producer#buffered()} tells it how much it holds, so that it can
 * stop generating (or pull less from its own source) when that grows. Several producers may feed one consumer;
 * each has its own window.
 */
public final class FlowControl {
    private FlowControl() {}

    /** What a flow-controlled consumer accepts; sent by {@link Producer}, not built by hand. */
    public sealed interface Inbound<T> {}

    /** Registers a producer; the consumer answers with a {@link Demand} of its whole window. */
    public record Subscribe<T>(ActorRef<Demand> producer) implements Inbound<T> {
        public Subscribe {
            Objects.requireNonNull(producer, "producer");
        }
    }

    /** One message of {@code producer}'s, handed to the wrapped behavior; its credit goes back to the producer. */
    public record Deliver<T>(T message, ActorRef<Demand> producer) implements Inbound<T> {
        public Deliver {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(producer, "producer");
        }
    }

    /** Permission to send {@code credits} more messages; from the consumer to a producer. */
    public record Demand(int credits) {
        public Demand {
            if (credits <= 0) {
                throw new IllegalArgumentException("credits must be positive, was " + credits);
            }
        }
    }

    /**
     * Wraps {@code consumer} so that it grants credits: the {@code window} to each producer that subscribes,
     * then one for each of that producer's messages once {@code consumer} has processed it (also when it
     * failed doing so, so that a restart loses no credit). Messages of {@code consumer}'s own type that reach
     * the actor otherwise (for example sent to itself) are handled without any credit accounting.
     *
     * @throws IllegalArgumentException if {@code window} is not positive
     */
    public static <T> Behavior<Inbound<T>> consumer(int window, Behavior<T> consumer) {
        if (window <= 0) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        return CreditInterceptor.wrap(window, Objects.requireNonNull(consumer, "consumer"));
    }

    /**
     * A producer-side helper that sends to {@code consumer} as its demand allows; it subscribes at once, and
     * the consumer's {@link Demand}s go to {@code demandRef}, which the producer must pass on to
     * {@link Producer#onDemand}.
     */
    public static <T> Producer<T> producer(ActorRef<Inbound<T>> consumer, ActorRef<Demand> demandRef) {
        return new Producer<>(Objects.requireNonNull(consumer, "consumer"), Objects.requireNonNull(demandRef,
                "demandRef"));
    }

    /**
     * Sends while there are credits and buffers (unbounded) otherwise. Not thread-safe: owned by the producer
     * actor and used only while it processes a message. If the consumer stops, messages sent to it go to dead
     * letters and the rest stay buffered: watch the consumer to notice.
     */
    public static final class Producer<T> {
        private final ActorRef<Inbound<T>> consumer;
        private final ActorRef<Demand> demandRef;
        private final ArrayDeque<T> buffer = new ArrayDeque<>();
        private long credits;
        private long sent;

        private Producer(ActorRef<Inbound<T>> consumer, ActorRef<Demand> demandRef) {
            this.consumer = consumer;
            this.demandRef = demandRef;
            consumer.tell(new Subscribe<>(demandRef));
        }

        /**
         * Sends {@code message} now if there is a credit, else buffers it; order is kept.
         *
         * @throws NullPointerException if {@code message} is null
         */
        public void offer(T message) {
            Objects.requireNonNull(message, "message");
            buffer.add(message);
            flush();
        }

        /** Adds the consumer's credits and sends buffered messages up to them. */
        public void onDemand(Demand demand) {
            credits += demand.credits();
            flush();
        }

        private void flush() {
            while (credits > 0 && !buffer.isEmpty()) {
                credits--;
                sent++;
                consumer.tell(new Deliver<>(buffer.poll(), demandRef));
            }
        }

        /** Messages waiting for demand. */
        public int buffered() {
            return buffer.size();
        }

        /** Credits not used yet. */
        public long credits() {
            return credits;
        }

        /** Messages sent to the consumer so far. */
        public long sent() {
            return sent;
        }
    }
}
