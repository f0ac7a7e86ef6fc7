package dev.troupe.bench.jmh;

import dev.troupe.bench.Harness;
import dev.troupe.bench.SystemKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The operations the microbenchmarks measure, for each system. One instance owns one running actor system. */
public sealed interface Systems extends AutoCloseable {

    /** Tells {@code message} to the counting sink actor. */
    void tell(Long message);

    /** Messages the sink has processed so far. */
    long processed();

    /** Has the parent spawn {@code n} children, each replying once; waits for all replies. */
    void spawn(int n) throws Exception;

    /** One ask round trip to an echo actor; returns the reply. */
    long ask(long value);

    @Override
    void close() throws Exception;

    static Systems create(String id) throws Exception {
        return switch (id) {
            case "troupe" -> new Troupe();
            case "pekko" -> new Pekko();
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** Spins until the sink has processed {@code target} messages. */
    default void awaitProcessed(long target) {
        while (processed() < target) {
            Thread.onSpinWait();
        }
    }

    record Echo<R>(long value, R replyTo) {}
    record SpawnN<R>(int n, CompletableFuture<Void> done) {}

    Duration TIMEOUT = Duration.ofSeconds(10);

    final class Troupe implements Systems {
        private final AtomicLong processed = new AtomicLong();
        private final dev.troupe.actor.ActorSystem<Object> system;
        private final dev.troupe.actor.ActorRef<Long> sink;
        private final dev.troupe.actor.ActorRef<Echo<dev.troupe.actor.ActorRef<Long>>> echo;
        private final dev.troupe.actor.ActorRef<Object> parent;

        @SuppressWarnings("unchecked")
        Troupe() throws Exception {
            CompletableFuture<Object[]> refs = new CompletableFuture<>();
            system = dev.troupe.actor.ActorSystem.create(dev.troupe.actor.Behaviors.setup(ctx -> {
                long[] count = {0};
                var s = ctx.<Long>spawn(dev.troupe.actor.Behaviors.receiveMessage(m -> {
                    processed.setRelease(++count[0]);
                    return dev.troupe.actor.Behaviors.same();
                }), "sink");
                var e = ctx.<Echo<dev.troupe.actor.ActorRef<Long>>>spawn(dev.troupe.actor.Behaviors.receiveMessage(m -> {
                    m.replyTo().tell(m.value());
                    return dev.troupe.actor.Behaviors.same();
                }), "echo");
                var p = ctx.<Object>spawn(dev.troupe.actor.Behaviors.<Object>setup(pctx -> {
                    dev.troupe.actor.Behavior<dev.troupe.actor.ActorRef<Boolean>> child =
                            dev.troupe.actor.Behaviors.receiveMessage(replyTo -> {
                                replyTo.tell(true);
                                return dev.troupe.actor.Behaviors.same();
                            });
                    int[] left = {0};
                    SpawnN<?>[] current = {null};
                    dev.troupe.actor.ActorRef<Boolean> self = pctx.self().narrow();
                    return dev.troupe.actor.Behaviors.receiveMessage(m -> {
                        if (m instanceof SpawnN<?> req) {
                            current[0] = req;
                            left[0] = req.n();
                            for (int i = 0; i < req.n(); i++) {
                                pctx.spawnAnonymous(child).tell(self);
                            }
                        } else if (--left[0] == 0) {
                            current[0].done().complete(null);
                        }
                        return dev.troupe.actor.Behaviors.same();
                    });
                }), "parent");
                refs.complete(new Object[] {s, e, p});
                return dev.troupe.actor.Behaviors.ignore();
            }), "jmh", Harness.troupeSettings());
            Object[] r = refs.get(10, TimeUnit.SECONDS);
            sink = (dev.troupe.actor.ActorRef<Long>) r[0];
            echo = (dev.troupe.actor.ActorRef<Echo<dev.troupe.actor.ActorRef<Long>>>) r[1];
            parent = (dev.troupe.actor.ActorRef<Object>) r[2];
        }

        @Override
        public void tell(Long message) {
            sink.tell(message);
        }

        @Override
        public long processed() {
            return processed.getAcquire();
        }

        @Override
        public void spawn(int n) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            parent.tell(new SpawnN<>(n, done));
            done.get(60, TimeUnit.SECONDS);
        }

        @Override
        public long ask(long value) {
            return dev.troupe.actor.AskPattern.<Echo<dev.troupe.actor.ActorRef<Long>>, Long>ask(echo,
                    replyTo -> new Echo<>(value, replyTo), TIMEOUT, system.scheduler()).toCompletableFuture().join();
        }

        @Override
        public void close() throws Exception {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    final class Pekko implements Systems {
        private final AtomicLong processed = new AtomicLong();
        private final org.apache.pekko.actor.typed.ActorSystem<Object> system;
        private final org.apache.pekko.actor.typed.ActorRef<Long> sink;
        private final org.apache.pekko.actor.typed.ActorRef<Echo<org.apache.pekko.actor.typed.ActorRef<Long>>> echo;
        private final org.apache.pekko.actor.typed.ActorRef<Object> parent;

        @SuppressWarnings("unchecked")
        Pekko() throws Exception {
            CompletableFuture<Object[]> refs = new CompletableFuture<>();
            system = org.apache.pekko.actor.typed.ActorSystem.create(org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> {
                long[] count = {0};
                var s = ctx.<Long>spawn(org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                    processed.setRelease(++count[0]);
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                }), "sink");
                var e = ctx.<Echo<org.apache.pekko.actor.typed.ActorRef<Long>>>spawn(
                        org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                            m.replyTo().tell(m.value());
                            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                        }), "echo");
                var p = ctx.<Object>spawn(org.apache.pekko.actor.typed.javadsl.Behaviors.<Object>setup(pctx -> {
                    org.apache.pekko.actor.typed.Behavior<org.apache.pekko.actor.typed.ActorRef<Boolean>> child =
                            org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(replyTo -> {
                                replyTo.tell(true);
                                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                            });
                    int[] left = {0};
                    SpawnN<?>[] current = {null};
                    org.apache.pekko.actor.typed.ActorRef<Boolean> self = pctx.getSelf().narrow();
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                        if (m instanceof SpawnN<?> req) {
                            current[0] = req;
                            left[0] = req.n();
                            for (int i = 0; i < req.n(); i++) {
                                pctx.spawnAnonymous(child).tell(self);
                            }
                        } else if (--left[0] == 0) {
                            current[0].done().complete(null);
                        }
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                    });
                }), "parent");
                refs.complete(new Object[] {s, e, p});
                return org.apache.pekko.actor.typed.javadsl.Behaviors.ignore();
            }), "jmh", SystemKind.PEKKO.pekkoConfig());
            Object[] r = refs.get(10, TimeUnit.SECONDS);
            sink = (org.apache.pekko.actor.typed.ActorRef<Long>) r[0];
            echo = (org.apache.pekko.actor.typed.ActorRef<Echo<org.apache.pekko.actor.typed.ActorRef<Long>>>) r[1];
            parent = (org.apache.pekko.actor.typed.ActorRef<Object>) r[2];
        }

        @Override
        public void tell(Long message) {
            sink.tell(message);
        }

        @Override
        public long processed() {
            return processed.getAcquire();
        }

        @Override
        public void spawn(int n) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            parent.tell(new SpawnN<>(n, done));
            done.get(60, TimeUnit.SECONDS);
        }

        @Override
        public long ask(long value) {
            return org.apache.pekko.actor.typed.javadsl.AskPattern.<Echo<org.apache.pekko.actor.typed.ActorRef<Long>>, Long>ask(
                    echo, replyTo -> new Echo<>(value, replyTo), TIMEOUT, system.scheduler()).toCompletableFuture().join();
        }

        @Override
        public void close() throws Exception {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }
}
