package dev.troupe.bench;

/** The fixed shape of each workload (besides its size), the same for both systems. Savina's defaults where sensible. */
public final class Params {
    private Params() {}

    /** Fork-join throughput: actors that the messages are spread over (Savina: 60). */
    public static final int FJ_THROUGHPUT_ACTORS = 60;
    /** Thread ring: actors in the ring (Savina: 100). */
    public static final int RING_ACTORS = 100;
    /** Chameneos: creatures meeting in the mall (Savina: 100). */
    public static final int CHAMENEOS = 100;
    /** Big: workers pinging random neighbours (Savina: 120). */
    public static final int BIG_WORKERS = 120;
    /** Dining philosophers: philosophers around the table (Savina: 20). */
    public static final int PHILOSOPHERS = 20;
    /** Seed of the random neighbour choice in big; each worker adds its index. */
    public static final long BIG_SEED = 0x5EED_B16L;

    /** The checksum of thread ring: the sum of the index of each actor that forwarded the token. */
    public static long ringChecksum(long hops) {
        long r = RING_ACTORS;
        long fullCycles = hops / r;
        long rest = hops % r;
        return fullCycles * (r * (r - 1) / 2) + rest * (rest - 1) / 2;
    }
}
