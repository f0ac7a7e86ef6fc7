package dev.troupe.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Max actors: how many idle actors fit in this JVM's heap (run it with {@code -Xms4g -Xmx4g}). One parent
 * spawns idle children (shared stateless behavior, anonymous) in batches, each child replying once so it is
 * known to be started, until {@code target} actors exist or the next batch would fill the heap past {@value #FULL_FRACTION} of its
 * maximum (estimated from the bytes per actor, measured with a full GC every million actors; a GC-thrashing
 * heap would only measure the GC). Stops before an OutOfMemoryError instead of provoking one, so the count is a
 * lower bound of what fits (within one batch and the headroom).
 *
 * <p>Arguments: {@code system(troupe|pekko) target batch}. Prints {@value #TAG} system actors heapMax
 * bytesPerActor reachedTarget.
 */
public final class MaxActorsMain {
    static final String TAG = "#MAX";
    static final double FULL_FRACTION = 0.80;
    static final long CALIBRATE = 1_000_000;

    private MaxActorsMain() {}

    record Batch(int n, CompletableFuture<Long> done) {}

    public static void main(String[] args) throws Exception {
        String system = args[0];
        long target = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        Spawner spawner = switch (system) {
            case "troupe" -> new TroupeSpawner();
            case "pekko" -> new PekkoSpawner();
            default -> throw new IllegalArgumentException("no system " + system);
        };
        var mem = ManagementFactory.getMemoryMXBean();
        long max = mem.getHeapMemoryUsage().getMax();
        long baseline = MemoryMain.usedAfterGc();
        long actors = 0;
        boolean reached = false;
        double perActor = 0; // calibrated with a full GC every CALIBRATE actors
        try {
            while (true) {
                int n = (int) Math.min(batch, target - actors);
                if (n <= 0) {
                    reached = true;
                    break;
                }
                if (perActor > 0 && baseline + perActor * (actors + n) > FULL_FRACTION * max) {
                    break; // the next batch would fill the heap past the limit
                }
                long replies = spawner.spawn(n);
                if (replies != n) {
                    throw Work.broken("batch of " + n + " got " + replies + " replies");
                }
                actors += n;
                if (actors % CALIBRATE == 0 || perActor == 0 && actors >= batch) {
                    perActor = (double) (MemoryMain.usedAfterGc() - baseline) / actors;
                }
            }
            long used = MemoryMain.usedAfterGc();
            System.out.println(String.join("\t", TAG, system, Long.toString(actors), Long.toString(max),
                    Long.toString((used - baseline) / Math.max(1, actors)), Boolean.toString(reached)));
            System.out.flush();
        } finally {
            spawner.close();
        }
        System.exit(0);
    }

    interface Spawner extends AutoCloseable {
        long spawn(int n) throws Exception;
    }

    static final class TroupeSpawner implements Spawner {
        final dev.troupe.actor.ActorSystem<Object> system;

        TroupeSpawner() {
            dev.troupe.actor.Behavior<dev.troupe.actor.ActorRef<Long>> idle = dev.troupe.actor.Behaviors.receiveMessage(r -> {
                r.tell(1L);
                return dev.troupe.actor.Behaviors.same();
            });
            system = dev.troupe.actor.ActorSystem.create(dev.troupe.actor.Behaviors.<Object>setup(ctx -> {
                long[] replies = {0};
                Batch[] current = {null};
                dev.troupe.actor.ActorRef<Long> self = ctx.self().narrow();
                return dev.troupe.actor.Behaviors.receiveMessage(m -> {
                    if (m instanceof Batch b) {
                        current[0] = b;
                        replies[0] = 0;
                        for (int i = 0; i < b.n(); i++) {
                            ctx.spawnAnonymous(idle).tell(self);
                        }
                    } else if (++replies[0] == current[0].n()) {
                        current[0].done().complete(replies[0]);
                    }
                    return dev.troupe.actor.Behaviors.same();
                });
            }), "max", Harness.troupeSettings());
        }

        @Override
        public long spawn(int n) throws Exception {
            CompletableFuture<Long> done = new CompletableFuture<>();
            system.tell(new Batch(n, done));
            return done.get(300, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            system.terminate(); // not awaited: the process exits
        }
    }

    static final class PekkoSpawner implements Spawner {
        final org.apache.pekko.actor.typed.ActorSystem<Object> system;

        PekkoSpawner() {
            org.apache.pekko.actor.typed.Behavior<org.apache.pekko.actor.typed.ActorRef<Long>> idle =
                    org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(r -> {
                        r.tell(1L);
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                    });
            system = org.apache.pekko.actor.typed.ActorSystem.create(
                    org.apache.pekko.actor.typed.javadsl.Behaviors.<Object>setup(ctx -> {
                        long[] replies = {0};
                        Batch[] current = {null};
                        org.apache.pekko.actor.typed.ActorRef<Long> self = ctx.getSelf().narrow();
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
                            if (m instanceof Batch b) {
                                current[0] = b;
                                replies[0] = 0;
                                for (int i = 0; i < b.n(); i++) {
                                    ctx.spawnAnonymous(idle).tell(self);
                                }
                            } else if (++replies[0] == current[0].n()) {
                                current[0].done().complete(replies[0]);
                            }
                            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                        });
                    }), "max", SystemKind.PEKKO.pekkoConfig());
        }

        @Override
        public long spawn(int n) throws Exception {
            CompletableFuture<Long> done = new CompletableFuture<>();
            system.tell(new Batch(n, done));
            return done.get(300, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            system.terminate();
        }
    }
}
