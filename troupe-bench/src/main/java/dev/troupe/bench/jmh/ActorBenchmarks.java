package dev.troupe.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microbenchmarks of the hot paths, Troupe and Pekko typed (2 dispatcher threads each). Run with
 * {@code -prof gc} for the bytes allocated per operation ({@code gc.alloc.rate.norm}).
 *
 * <ul>
 *   <li>{@code tell*}: producers (1 to 4 threads outside the pool) tell a preallocated message into one idle
 *       counting actor, {@value #BATCH} per invocation, then wait until the actor has processed everything sent
 *       so far, so the backlog stays bounded. Time and allocation are per message: enqueue, wake-up, dequeue.</li>
 *   <li>{@code spawn}: a parent spawns {@value #SPAWNS} children that each reply once; per child.</li>
 *   <li>{@code ask}: one ask round trip from a thread outside the pool to an echo actor.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-XX:+UseCondCardMark"})
public class ActorBenchmarks {
    static final int BATCH = 1_000;
    static final int SPAWNS = 1_000;
    static final Long MESSAGE = 42L;

    @Param({"troupe", "pekko"})
    public String system;

    Systems sys;
    final AtomicLong sent = new AtomicLong();

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        sys = Systems.create(system);
        sent.set(0);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        sys.close();
    }

    private void tellBatch() {
        long target = sent.addAndGet(BATCH);
        for (int i = 0; i < BATCH; i++) {
            sys.tell(MESSAGE);
        }
        sys.awaitProcessed(target - BATCH * 4L); // let up to a few batches be in flight, never an unbounded backlog
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Threads(1)
    public void tell1Producer() {
        tellBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Threads(2)
    public void tell2Producers() {
        tellBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Threads(3)
    public void tell3Producers() {
        tellBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Threads(4)
    public void tell4Producers() {
        tellBatch();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public void spawn() throws Exception {
        sys.spawn(SPAWNS);
    }

    @Benchmark
    public long ask() {
        return sys.ask(7);
    }
}
