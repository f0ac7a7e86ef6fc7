package dev.troupe.bench;

import dev.troupe.bench.pekko.PekkoWorkloads;
import dev.troupe.bench.troupe.TroupeWorkloads;
import java.util.List;

/** All throughput workloads, in the order the runner runs them. */
public final class Workloads {
    private Workloads() {}

    public static final List<Workload> ALL = List.of(
            new Workload("ping-pong", "msg", "1 pair: a pinger sends n pings one at a time, a ponger answers each",
                    1_000_000, 50_000, 2_000,
                    n -> new Result(2 * n, Work.triangle(n)),
                    (n, done) -> TroupeWorkloads.pingPong(1, n, done),
                    (n, done) -> PekkoWorkloads.pingPong(1, n, done)),
            new Workload("ping-pong-2", "msg", "2 independent ping-pong pairs of n round trips each",
                    1_000_000, 50_000, 2_000,
                    n -> new Result(4 * n, 2 * Work.triangle(n)),
                    (n, done) -> TroupeWorkloads.pingPong(2, n, done),
                    (n, done) -> PekkoWorkloads.pingPong(2, n, done)),
            new Workload("counting", "msg", "a producer sends 1..n to a counter as fast as it can, then asks for the sum",
                    5_000_000, 200_000, 5_000,
                    n -> new Result(n, Work.triangle(n)),
                    TroupeWorkloads::counting, PekkoWorkloads::counting),
            new Workload("fj-throughput", "msg",
                    Params.FJ_THROUGHPUT_ACTORS + " actors each get n messages (round-robin) and compute sin² per message",
                    50_000, 2_000, 100,
                    n -> new Result(Params.FJ_THROUGHPUT_ACTORS * n, Params.FJ_THROUGHPUT_ACTORS * Work.triangle(n)),
                    TroupeWorkloads::forkJoinThroughput, PekkoWorkloads::forkJoinThroughput),
            new Workload("fj-creation", "actors", "n actors are created, each gets one message, computes, replies, stops",
                    200_000, 20_000, 1_000,
                    n -> new Result(n, Work.triangle(n)),
                    TroupeWorkloads::forkJoinCreation, PekkoWorkloads::forkJoinCreation),
            new Workload("thread-ring", "hops", "a token is passed n times round a ring of " + Params.RING_ACTORS + " actors",
                    2_000_000, 100_000, 5_000,
                    n -> new Result(n, Params.ringChecksum(n)),
                    TroupeWorkloads::threadRing, PekkoWorkloads::threadRing),
            new Workload("chameneos", "meetings", Params.CHAMENEOS + " chameneos meet pairwise in a mall n times (4 msg per meeting)",
                    500_000, 20_000, 1_000,
                    n -> new Result(n, 2 * n),
                    TroupeWorkloads::chameneos, PekkoWorkloads::chameneos),
            new Workload("big", "pings", Params.BIG_WORKERS + " workers each ping random workers n times, one ping in flight each",
                    20_000, 1_000, 50,
                    n -> new Result(Params.BIG_WORKERS * n, Params.BIG_WORKERS * n),
                    TroupeWorkloads::big, PekkoWorkloads::big),
            new Workload("philosophers", "meals", Params.PHILOSOPHERS + " philosophers each eat n meals via an arbiter (denials retry)",
                    20_000, 1_000, 50,
                    n -> new Result(Params.PHILOSOPHERS * n, Params.PHILOSOPHERS * n),
                    TroupeWorkloads::diningPhilosophers, PekkoWorkloads::diningPhilosophers),
            new Workload("spawn", "actors", "one parent spawns n idle actors and receives one reply from each",
                    1_000_000, 50_000, 1_000,
                    n -> new Result(n, Work.triangle(n)),
                    TroupeWorkloads::spawn, PekkoWorkloads::spawn));

    public static Workload byName(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + name + "; known: "
                        + ALL.stream().map(Workload::name).toList()));
    }
}
