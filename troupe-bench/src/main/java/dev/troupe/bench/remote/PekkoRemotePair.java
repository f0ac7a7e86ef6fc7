package dev.troupe.bench.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.troupe.bench.SystemKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Two Pekko typed systems on 127.0.0.1 talking over Artery TCP (plain or TLS), each with the benchmark's fair
 * dispatcher configuration ({@link SystemKind#PEKKO}): the Pekko side of the remote benchmark. The receiving
 * actors live on system "b"; the drivers on system "a" learn their refs as a remote node would, through
 * {@link ActorRefResolver}'s string form. One thread runs a pair; runs are one after another.
 */
public final class PekkoRemotePair implements RemotePair {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(5);

    private final ActorSystem<Void> a;
    private final ActorSystem<Void> b;
    private int runs;

    private PekkoRemotePair(ActorSystem<Void> a, ActorSystem<Void> b) {
        this.a = a;
        this.b = b;
    }

    /** Starts both systems on ephemeral ports; with {@code tls}, Artery's tls-tcp with mutual authentication. */
    public static PekkoRemotePair start(RemoteTls tls) {
        return new PekkoRemotePair(system("a", tls), system("b", tls));
    }

    private static ActorSystem<Void> system(String name, RemoteTls tls) {
        String transport = tls == null ? "pekko.remote.artery.transport = tcp\n" : """
                pekko.remote.artery.transport = tls-tcp
                pekko.remote.artery.ssl.config-ssl-engine {
                  key-store = "%s"
                  trust-store = "%s"
                  key-store-password = "%s"
                  key-password = "%s"
                  trust-store-password = "%s"
                  protocol = "TLSv1.3"
                  enabled-algorithms = ["%s"]
                  require-mutual-authentication = on
                  hostname-verification = off
                }
                """.formatted(tls.keyStore(), tls.keyStore(), tls.password(), tls.password(), tls.password(),
                RemoteTls.CIPHER_SUITE);
        Config config = ConfigFactory.parseString("""
                pekko.actor.provider = remote
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.actor.serializers.troupe-bench-cbor = "dev.troupe.bench.remote.PekkoCborSerializer"
                pekko.actor.serialization-bindings { "dev.troupe.bench.remote.PekkoWire" = troupe-bench-cbor }
                pekko.actor.allow-java-serialization = off
                pekko.actor.warn-about-java-serializer-usage = off
                pekko.remote.warn-about-direct-use = off
                pekko.remote.warn-unsafe-watch-outside-cluster = off
                """ + transport).withFallback(SystemKind.PEKKO.pekkoConfig());
        return ActorSystem.create(Behaviors.empty(), name, config);
    }

    @Override
    public long throughput(long messages, int window) throws Exception {
        int ackEvery = Math.max(1, window / 4);
        ActorRef<PekkoWire.ToReceiver> receiver = onB(receiver(ackEvery));
        CompletableFuture<PekkoWire.Ack> done = new CompletableFuture<>();
        long start = System.nanoTime();
        a.systemActorOf(sender(receiver, messages, window, done), "sender-" + (++runs),
                org.apache.pekko.actor.typed.Props.empty());
        PekkoWire.Ack last = done.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        RemoteChecks.checkThroughput(messages, last.received(), last.sum(), last.inOrder());
        return elapsed;
    }

    @Override
    public Histogram latency(int roundTrips) throws Exception {
        ActorRef<PekkoWire.Echo> server = onB(Behaviors.receiveMessage(echo -> {
            echo.replyTo().tell(new PekkoWire.Echoed(echo.seq()));
            return Behaviors.same();
        }));
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        CompletableFuture<Long> done = new CompletableFuture<>();
        a.systemActorOf(client(server, roundTrips, histogram, done), "client-" + (++runs),
                org.apache.pekko.actor.typed.Props.empty());
        RemoteChecks.checkRoundTrips(roundTrips, done.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS), histogram);
        return histogram;
    }

    /** Spawns {@code behavior} on b and resolves it on a from its string form. */
    private <T> ActorRef<T> onB(Behavior<T> behavior) {
        ActorRef<T> local = b.systemActorOf(behavior, "target-" + (++runs), org.apache.pekko.actor.typed.Props.empty());
        return ActorRefResolver.get(a).resolveActorRef(ActorRefResolver.get(b).toSerializationFormat(local));
    }

    private static Behavior<PekkoWire.ToReceiver> receiver(int ackEvery) {
        return Behaviors.setup(context -> {
            long[] state = new long[3]; // received, sum, 1 while in order
            state[2] = 1;
            ActorRef<PekkoWire.Ack>[] sender = newRefArray();
            return Behaviors.receiveMessage(message -> {
                switch (message) {
                    case PekkoWire.Hello hello -> sender[0] = hello.sender();
                    case PekkoWire.Ping ping -> {
                        state[0]++;
                        state[1] += ping.seq();
                        if (ping.seq() != state[0]) {
                            state[2] = 0;
                        }
                        if (state[0] % ackEvery == 0) {
                            sender[0].tell(new PekkoWire.Ack(state[0], state[1], state[2] == 1));
                        }
                    }
                }
                return Behaviors.same();
            });
        });
    }

    private static Behavior<PekkoWire.Ack> sender(ActorRef<PekkoWire.ToReceiver> receiver, long messages, int window,
                                                 CompletableFuture<PekkoWire.Ack> done) {
        int ackEvery = Math.max(1, window / 4);
        long total = RemoteChecks.roundUp(messages, ackEvery);
        return Behaviors.setup(context -> {
            receiver.tell(new PekkoWire.Hello(context.getSelf()));
            long[] sent = {0};
            long allowed = Math.min(total, window);
            while (sent[0] < allowed) {
                receiver.tell(new PekkoWire.Ping(++sent[0]));
            }
            return Behaviors.receiveMessage(ack -> {
                if (ack.received() >= total) {
                    done.complete(ack);
                    return Behaviors.stopped();
                }
                long upTo = Math.min(total, ack.received() + window);
                while (sent[0] < upTo) {
                    receiver.tell(new PekkoWire.Ping(++sent[0]));
                }
                return Behaviors.same();
            });
        });
    }

    private static Behavior<PekkoWire.Echoed> client(ActorRef<PekkoWire.Echo> server, int roundTrips,
                                                    Histogram histogram, CompletableFuture<Long> done) {
        return Behaviors.setup(context -> {
            long[] sentAt = {System.nanoTime()};
            server.tell(new PekkoWire.Echo(1, context.getSelf()));
            return Behaviors.receiveMessage(echoed -> {
                long now = System.nanoTime();
                histogram.recordValue(Math.min(now - sentAt[0], histogram.getHighestTrackableValue()));
                if (echoed.seq() >= roundTrips) {
                    done.complete(echoed.seq());
                    return Behaviors.stopped();
                }
                sentAt[0] = System.nanoTime();
                server.tell(new PekkoWire.Echo(echoed.seq() + 1, context.getSelf()));
                return Behaviors.same();
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> ActorRef<T>[] newRefArray() {
        return (ActorRef<T>[]) new ActorRef<?>[1];
    }

    @Override
    public void close() throws Exception {
        a.terminate();
        b.terminate();
        a.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        b.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
}
