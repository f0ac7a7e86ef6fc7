package dev.troupe.bench;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle actor, meant to run alone in a fresh JVM: start the system, measure the heap used after full
 * GCs (baseline), have one parent spawn {@code n} idle children with one shared stateless behavior and anonymous
 * names, make sure every child has started and handled one message, measure again, and print
 * {@code (used - baseline) / n}. The same for Troupe, Pekko typed and Pekko classic.
 *
 * <p>Arguments: {@code system(troupe|pekko|pekko-classic) n}. Prints one line: {@value #TAG} system n bytesPerActor.
 */
public final class MemoryMain {
    static final String TAG = "#MEM";

    private MemoryMain() {}


    public static void main(String[] args) throws Exception {
        String system = args[0];
        int n = Integer.parseInt(args[1]);
        long perActor = switch (system) {
            case "troupe" -> troupe(n);
            case "pekko" -> pekkoTyped(n);
            case "pekko-classic" -> pekkoClassic(n);
            default -> throw new IllegalArgumentException("no system " + system);
        };
        System.out.println(String.join("\t", TAG, system, Integer.toString(n), Long.toString(perActor)));
        System.exit(0);
    }

    static long usedAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ------------------------------------------------------------------------------------------------ Troupe

    record TGo(int n) {}

    static long troupe(int n) throws Exception {
        Behavior<dev.troupe.actor.ActorRef<Long>> idle = Behaviors.receiveMessage(replyTo -> {
            replyTo.tell(1L);
            return Behaviors.same();
        });
        CompletableFuture<Long> all = new CompletableFuture<>();
        ActorSystem<Object> sys = ActorSystem.create(Behaviors.<Object>setup(ctx -> {
            long[] replies = {0};
            int[] expected = {0};
            return Behaviors.receiveMessage(m -> {
                if (m instanceof TGo go) {
                    expected[0] = go.n();
                    dev.troupe.actor.ActorRef<Long> self = ctx.self().unsafeUpcast();
                    for (int i = 0; i < go.n(); i++) {
                        ctx.spawnAnonymous(idle).tell(self);
                    }
                } else if (m instanceof Long one) {
                    replies[0] += one;
                    if (replies[0] == expected[0]) {
                        all.complete(replies[0]);
                    }
                }
                return Behaviors.same();
            });
        }), "mem", Harness.troupeSettings());
        try {
            Thread.sleep(200);
            long baseline = usedAfterGc();
            sys.tell(new TGo(n));
            check(all.get(300, TimeUnit.SECONDS), n);
            long used = usedAfterGc();
            long live = ((dev.troupe.actor.internal.ActorSystemImpl<?>) sys).liveActorCount();
            if (live < n) {
                throw Work.broken("only " + live + " live Troupe actors");
            }
            return (used - baseline) / n;
        } finally {
            sys.terminate();
            sys.whenTerminated().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
    }

    private static void check(long replies, int n) {
        if (replies != n) {
            throw Work.broken("expected " + n + " replies, got " + replies);
        }
    }

    // ------------------------------------------------------------------------------------------- Pekko typed

    static long pekkoTyped(int n) throws Exception {
        org.apache.pekko.actor.typed.Behavior<org.apache.pekko.actor.typed.ActorRef<Long>> idle =
                org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(replyTo -> {
                    replyTo.tell(1L);
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                });
        CompletableFuture<Long> all = new CompletableFuture<>();
        var sys = org.apache.pekko.actor.typed.ActorSystem.create(
                org.apache.pekko.actor.typed.javadsl.Behaviors.<Object>setup(ctx -> {
                    long[] replies = {0};
                    int[] expected = {0};
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                        if (m instanceof TGo go) {
                            expected[0] = go.n();
                            org.apache.pekko.actor.typed.ActorRef<Long> self = ctx.getSelf().unsafeUpcast();
                            for (int i = 0; i < go.n(); i++) {
                                ctx.spawnAnonymous(idle).tell(self);
                            }
                        } else if (m instanceof Long one) {
                            replies[0] += one;
                            if (replies[0] == expected[0]) {
                                all.complete(replies[0]);
                            }
                        }
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                    });
                }), "mem", SystemKind.PEKKO.pekkoConfig());
        try {
            Thread.sleep(200);
            long baseline = usedAfterGc();
            sys.tell(new TGo(n));
            check(all.get(300, TimeUnit.SECONDS), n);
            long used = usedAfterGc();
            return (used - baseline) / n;
        } finally {
            sys.terminate();
            sys.getWhenTerminated().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
    }

    // ----------------------------------------------------------------------------------------- Pekko classic

    static final class ClassicIdle extends org.apache.pekko.actor.AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().match(String.class, s -> getSender().tell(1L, getSelf())).build();
        }
    }

    static final class ClassicParent extends org.apache.pekko.actor.AbstractActor {
        private final CompletableFuture<Long> all;
        private long replies;
        private int expected;

        ClassicParent(CompletableFuture<Long> all) {
            this.all = all;
        }

        @Override
        public Receive createReceive() {
            org.apache.pekko.actor.Props idle = org.apache.pekko.actor.Props.create(ClassicIdle.class, ClassicIdle::new);
            return receiveBuilder()
                    .match(Integer.class, n -> {
                        expected = n;
                        for (int i = 0; i < n; i++) {
                            getContext().actorOf(idle).tell("hello", getSelf());
                        }
                    })
                    .match(Long.class, one -> {
                        replies += one;
                        if (replies == expected) {
                            all.complete(replies);
                        }
                    })
                    .build();
        }
    }

    static long pekkoClassic(int n) throws Exception {
        CompletableFuture<Long> all = new CompletableFuture<>();
        var sys = org.apache.pekko.actor.ActorSystem.create("mem", SystemKind.PEKKO.pekkoConfig());
        try {
            var parent = sys.actorOf(org.apache.pekko.actor.Props.create(ClassicParent.class, () -> new ClassicParent(all)));
            Thread.sleep(200);
            long baseline = usedAfterGc();
            parent.tell(n, org.apache.pekko.actor.ActorRef.noSender());
            check(all.get(300, TimeUnit.SECONDS), n);
            long used = usedAfterGc();
            return (used - baseline) / n;
        } finally {
            sys.terminate();
            sys.getWhenTerminated().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
    }
}
