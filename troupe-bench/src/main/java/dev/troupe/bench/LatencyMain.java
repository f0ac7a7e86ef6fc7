package dev.troupe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Request–reply latency with HdrHistogram, two variants:
 * <ul>
 *   <li>{@code same-dispatcher}: a client actor sends a request to a server actor, records the round trip when
 *       the reply arrives and sends the next request; both on the default dispatcher;</li>
 *   <li>{@code cross-thread}: a plain thread outside the pool asks the server ({@code AskPattern.ask}) and
 *       waits for each reply, so every request wakes a pool thread and every reply wakes the client.</li>
 * </ul>
 * Each round starts a fresh system, sends {@code n} requests, checks every reply's sequence number, and prints
 * {@value #TAG} fork variant system phase round p50 p99 p999 max (nanoseconds) count. Systems alternate A B B A.
 *
 * <p>Arguments: {@code fork warmups rounds n systems(comma)}.
 */
public final class LatencyMain {
    static final String TAG = "#LAT";
    static final List<String> VARIANTS = List.of("same-dispatcher", "cross-thread");

    private LatencyMain() {}

    public static void main(String[] args) throws Exception {
        int fork = Integer.parseInt(args[0]);
        int warmups = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        List<SystemKind> systems = Arrays.stream(args[4].split(",")).map(SystemKind::byId).toList();
        try {
            for (String variant : VARIANTS) {
                for (int i = 0; i < warmups + rounds; i++) {
                    List<SystemKind> order = new ArrayList<>(systems);
                    if (i % 2 == 1) {
                        Collections.reverse(order);
                    }
                    for (SystemKind kind : order) {
                        System.gc();
                        Histogram h = run(kind, variant, n);
                        if (h.getTotalCount() != n) {
                            throw Work.broken("recorded " + h.getTotalCount() + " of " + n + " round trips");
                        }
                        System.out.println(String.join("\t", TAG, Integer.toString(fork), variant, kind.id(),
                                i < warmups ? "warmup" : "measure", Integer.toString(i < warmups ? i + 1 : i - warmups + 1),
                                Long.toString(h.getValueAtPercentile(50)), Long.toString(h.getValueAtPercentile(99)),
                                Long.toString(h.getValueAtPercentile(99.9)), Long.toString(h.getMaxValue()),
                                Long.toString(h.getTotalCount())));
                        System.out.flush();
                    }
                }
            }
        } catch (Throwable t) {
            System.err.println("LATENCY FORK " + fork + " FAILED: " + t);
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static Histogram newHistogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    public static Histogram run(SystemKind kind, String variant, int n) throws Exception {
        return kind.isTroupe() ? troupe(kind, variant, n) : pekko(kind, variant, n);
    }

    // ------------------------------------------------------------------------------------------------ Troupe

    record TRequest(long seq, dev.troupe.actor.ActorRef<TReply> replyTo) {}
    record TReply(long seq) {}

    static final dev.troupe.actor.Behavior<TRequest> T_SERVER = dev.troupe.actor.Behaviors.receiveMessage(r -> {
        r.replyTo().tell(new TReply(r.seq()));
        return dev.troupe.actor.Behaviors.same();
    });

    static final class TClient extends dev.troupe.actor.AbstractBehavior<TReply> {
        private final dev.troupe.actor.ActorRef<TRequest> server;
        private final int n;
        private final Histogram histogram = newHistogram();
        private final CompletableFuture<Histogram> done;
        private long seq;
        private long sentAt;

        TClient(dev.troupe.actor.ActorContext<TReply> ctx, int n, CompletableFuture<Histogram> done) {
            super(ctx);
            this.n = n;
            this.done = done;
            this.server = ctx.spawnAnonymous(T_SERVER);
            send();
        }

        private void send() {
            seq++;
            sentAt = System.nanoTime();
            server.tell(new TRequest(seq, getContext().self()));
        }

        @Override
        public dev.troupe.actor.Behavior<TReply> onMessage(TReply reply) {
            long now = System.nanoTime();
            if (reply.seq() != seq) {
                throw Work.broken("reply " + reply.seq() + " to request " + seq);
            }
            histogram.recordValue(now - sentAt);
            if (seq == n) {
                done.complete(histogram);
                return dev.troupe.actor.Behaviors.stopped();
            }
            send();
            return this;
        }
    }

    static Histogram troupe(SystemKind kind, String variant, int n) throws Exception {
        CompletableFuture<Histogram> done = new CompletableFuture<>();
        boolean sameDispatcher = variant.equals("same-dispatcher");
        var system = dev.troupe.actor.ActorSystem.<TRequest>create(dev.troupe.actor.Behaviors.setup(ctx -> {
            if (sameDispatcher) {
                ctx.spawnAnonymous(dev.troupe.actor.Behaviors.<TReply>setup(c -> new TClient(c, n, done)));
            }
            return T_SERVER;
        }), "latency", kind.troupeSettings());
        try {
            if (sameDispatcher) {
                return done.get(120, TimeUnit.SECONDS);
            }
            Histogram h = newHistogram();
            Duration timeout = Duration.ofSeconds(10);
            for (long seq = 1; seq <= n; seq++) {
                long s = seq;
                long start = System.nanoTime();
                TReply reply = dev.troupe.actor.AskPattern.<TRequest, TReply>ask(system,
                        replyTo -> new TRequest(s, replyTo), timeout, system.scheduler()).toCompletableFuture().join();
                long now = System.nanoTime();
                if (reply.seq() != seq) {
                    throw Work.broken("reply " + reply.seq() + " to request " + seq);
                }
                h.recordValue(now - start);
            }
            return h;
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------------------- Pekko

    record PRequest(long seq, org.apache.pekko.actor.typed.ActorRef<PReply> replyTo) {}
    record PReply(long seq) {}

    static final org.apache.pekko.actor.typed.Behavior<PRequest> P_SERVER =
            org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(r -> {
                r.replyTo().tell(new PReply(r.seq()));
                return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
            });

    static final class PClient extends org.apache.pekko.actor.typed.javadsl.AbstractBehavior<PReply> {
        private final org.apache.pekko.actor.typed.ActorRef<PRequest> server;
        private final int n;
        private final Histogram histogram = newHistogram();
        private final CompletableFuture<Histogram> done;
        private long seq;
        private long sentAt;

        PClient(org.apache.pekko.actor.typed.javadsl.ActorContext<PReply> ctx, int n, CompletableFuture<Histogram> done) {
            super(ctx);
            this.n = n;
            this.done = done;
            this.server = ctx.spawnAnonymous(P_SERVER);
            send();
        }

        private void send() {
            seq++;
            sentAt = System.nanoTime();
            server.tell(new PRequest(seq, getContext().getSelf()));
        }

        @Override
        public org.apache.pekko.actor.typed.javadsl.Receive<PReply> createReceive() {
            return newReceiveBuilder().onMessage(PReply.class, this::onReply).build();
        }

        private org.apache.pekko.actor.typed.Behavior<PReply> onReply(PReply reply) {
            long now = System.nanoTime();
            if (reply.seq() != seq) {
                throw Work.broken("reply " + reply.seq() + " to request " + seq);
            }
            histogram.recordValue(now - sentAt);
            if (seq == n) {
                done.complete(histogram);
                return org.apache.pekko.actor.typed.javadsl.Behaviors.stopped();
            }
            send();
            return this;
        }
    }

    static Histogram pekko(SystemKind kind, String variant, int n) throws Exception {
        CompletableFuture<Histogram> done = new CompletableFuture<>();
        boolean sameDispatcher = variant.equals("same-dispatcher");
        var system = org.apache.pekko.actor.typed.ActorSystem.<PRequest>create(
                org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> {
                    if (sameDispatcher) {
                        ctx.spawnAnonymous(org.apache.pekko.actor.typed.javadsl.Behaviors.<PReply>setup(
                                c -> new PClient(c, n, done)));
                    }
                    return P_SERVER;
                }), "latency", kind.pekkoConfig());
        try {
            if (sameDispatcher) {
                return done.get(120, TimeUnit.SECONDS);
            }
            Histogram h = newHistogram();
            Duration timeout = Duration.ofSeconds(10);
            for (long seq = 1; seq <= n; seq++) {
                long s = seq;
                long start = System.nanoTime();
                PReply reply = org.apache.pekko.actor.typed.javadsl.AskPattern.<PRequest, PReply>ask(system,
                        replyTo -> new PRequest(s, replyTo), timeout, system.scheduler()).toCompletableFuture().join();
                long now = System.nanoTime();
                if (reply.seq() != seq) {
                    throw Work.broken("reply " + reply.seq() + " to request " + seq);
                }
                h.recordValue(now - start);
            }
            return h;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }
}
