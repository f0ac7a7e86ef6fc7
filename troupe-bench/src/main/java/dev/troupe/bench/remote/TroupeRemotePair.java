package dev.troupe.bench.remote;

import dev.troupe.actor.AbstractBehavior;
import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.bench.Harness;
import dev.troupe.bench.Harness.TroupeCommand;
import dev.troupe.remote.MessageTypes;
import dev.troupe.remote.RemoteNode;
import dev.troupe.remote.RemoteSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Two Troupe systems on 127.0.0.1, each a {@link RemoteNode}, plain or with mutual TLS over the same key store
 * as the Pekko pair: the Troupe side of the remote benchmark, run exactly as {@link PekkoRemotePair} runs
 * (the receiving actors on "b", the drivers on "a", which resolves the receivers' paths as another node would).
 * One thread runs a pair; runs are one after another.
 */
public final class TroupeRemotePair implements RemotePair {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(5);
    private static final MessageTypes TYPES = MessageTypes.builder().register(TroupeWire.class, "bench").build();

    private final ActorSystem<TroupeCommand> a;
    private final ActorSystem<TroupeCommand> b;
    private final RemoteNode nodeA;
    private final RemoteNode nodeB;

    private TroupeRemotePair(ActorSystem<TroupeCommand> a, ActorSystem<TroupeCommand> b, RemoteSettings settings) {
        this.a = a;
        this.b = b;
        this.nodeA = RemoteNode.start(a, settings, TYPES);
        this.nodeB = RemoteNode.start(b, settings, TYPES);
    }

    /** Starts both systems on ephemeral ports; with {@code tls}, mutual TLS with its key store on both ends. */
    public static TroupeRemotePair start(RemoteTls tls) {
        RemoteSettings.Tls mode = tls == null ? new RemoteSettings.Tls.Plaintext()
                : new RemoteSettings.Tls.Mutual(tls.keyStore(), tls.password().toCharArray(), tls.keyStore(),
                        tls.password().toCharArray(), false);
        RemoteSettings settings = RemoteSettings.defaults().withBind("127.0.0.1", 0).withTls(mode);
        return new TroupeRemotePair(system("a"), system("b"), settings);
    }

    private static ActorSystem<TroupeCommand> system(String name) {
        return Harness.startTroupe(name, Harness.troupeSettings());
    }

    @Override
    public long throughput(long messages, int window) throws Exception {
        int ackEvery = Math.max(1, window / 4);
        ActorRef<TroupeWire.ToReceiver> receiver = onB(receiver(ackEvery));
        CompletableFuture<TroupeWire.Ack> done = new CompletableFuture<>();
        long start = System.nanoTime();
        a.tell(context -> context.spawnAnonymous(sender(receiver, messages, window, done)));
        TroupeWire.Ack last = done.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        RemoteChecks.checkThroughput(messages, last.received(), last.sum(), last.inOrder());
        return elapsed;
    }

    @Override
    public Histogram latency(int roundTrips) throws Exception {
        ActorRef<TroupeWire.Echo> server = onB(Behaviors.receiveMessage(echo -> {
            echo.replyTo().tell(new TroupeWire.Echoed(echo.seq()));
            return Behaviors.same();
        }));
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        CompletableFuture<Long> done = new CompletableFuture<>();
        a.tell(context -> context.spawnAnonymous(client(server, roundTrips, histogram, done)));
        RemoteChecks.checkRoundTrips(roundTrips, done.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS), histogram);
        return histogram;
    }

    /** Spawns {@code behavior} on b, publishes it, and resolves its path on a. */
    private <T> ActorRef<T> onB(Behavior<T> behavior) throws Exception {
        ActorRef<T> local = spawn(b, context -> context.spawnAnonymous(behavior));
        nodeB.publish(local);
        return nodeA.resolve(local.path().withRoot(nodeB.address()).toStringWithUid());
    }

    private static <T> ActorRef<T> spawn(ActorSystem<TroupeCommand> system,
                                         Function<ActorContext<TroupeCommand>, ActorRef<T>> how)
            throws Exception {
        CompletableFuture<ActorRef<T>> spawned = new CompletableFuture<>();
        system.tell(context -> spawned.complete(how.apply(context)));
        return spawned.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private static Behavior<TroupeWire.ToReceiver> receiver(int ackEvery) {
        return Behaviors.setup(context -> new AbstractBehavior<>(context) {
            private ActorRef<TroupeWire.Ack> sender;
            private long received;
            private long sum;
            private boolean inOrder = true;

            @Override
            public Behavior<TroupeWire.ToReceiver> onMessage(TroupeWire.ToReceiver message) {
                switch (message) {
                    case TroupeWire.Hello hello -> sender = hello.sender();
                    case TroupeWire.Ping ping -> {
                        received++;
                        sum += ping.seq();
                        inOrder &= ping.seq() == received;
                        if (received % ackEvery == 0) {
                            sender.tell(new TroupeWire.Ack(received, sum, inOrder));
                        }
                    }
                }
                return this;
            }
        });
    }

    private static Behavior<TroupeWire.Ack> sender(ActorRef<TroupeWire.ToReceiver> receiver, long messages, int window,
                                                  CompletableFuture<TroupeWire.Ack> done) {
        long total = RemoteChecks.roundUp(messages, Math.max(1, window / 4));
        return Behaviors.setup(context -> {
            receiver.tell(new TroupeWire.Hello(context.self()));
            return new AbstractBehavior<TroupeWire.Ack>(context) {
                private long sent = sendUpTo(0, Math.min(total, window));

                private long sendUpTo(long from, long upTo) {
                    for (long seq = from + 1; seq <= upTo; seq++) {
                        receiver.tell(new TroupeWire.Ping(seq));
                    }
                    return Math.max(from, upTo);
                }

                @Override
                public Behavior<TroupeWire.Ack> onMessage(TroupeWire.Ack ack) {
                    if (ack.received() >= total) {
                        done.complete(ack);
                        return Behaviors.stopped();
                    }
                    sent = sendUpTo(sent, Math.min(total, ack.received() + window));
                    return this;
                }
            };
        });
    }

    private static Behavior<TroupeWire.Echoed> client(ActorRef<TroupeWire.Echo> server, int roundTrips,
                                                     Histogram histogram, CompletableFuture<Long> done) {
        return Behaviors.setup(context -> {
            long[] sentAt = {System.nanoTime()};
            server.tell(new TroupeWire.Echo(1, context.self()));
            return Behaviors.receiveMessage(echoed -> {
                long now = System.nanoTime();
                histogram.recordValue(Math.min(now - sentAt[0], histogram.getHighestTrackableValue()));
                if (echoed.seq() >= roundTrips) {
                    done.complete(echoed.seq());
                    return Behaviors.stopped();
                }
                sentAt[0] = System.nanoTime();
                server.tell(new TroupeWire.Echo(echoed.seq() + 1, context.self()));
                return Behaviors.same();
            });
        });
    }

    @Override
    public void close() throws Exception {
        nodeA.close();
        nodeB.close();
        a.terminate();
        b.terminate();
        a.whenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        b.whenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
}
