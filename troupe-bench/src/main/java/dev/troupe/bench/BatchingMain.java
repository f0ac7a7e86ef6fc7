package dev.troupe.bench;

import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.ActorSystemSettings;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Actor-level batching on a bulk-write workload. One writer actor appends rows to a file and forces them to
 * disk (or, with {@code --no-force}, only writes them); run once with one write-and-force per message ({@code Behaviors.receiveMessage}) and once with one
 * per batch of the rows waiting ({@code Behaviors.batching}), in ABBA order over several rounds, each run
 * validated (every row written once, checksum of the ids). Reports the median time of each and their ratio.
 * This compares Troupe with itself: the gain comes from the work the batch shares (here the force to disk).
 */
@Command(name = "batching", mixinStandardHelpOptions = true,
        description = "Throughput gain of Behaviors.batching on a bulk write (one fsync per message vs per batch).")
public final class BatchingMain implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--rows", defaultValue = "20000", description = "Rows per run (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--rounds", defaultValue = "3", description = "ABBA rounds; each runs both variants twice.")
    int rounds;

    @Option(names = "--max-batch", defaultValue = "256", description = "Largest batch (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--quick", description = "A tiny run to check that it works (CI).")
    boolean quick;

    @Option(names = "--no-force", description = "Do not force writes to disk: the shared cost is then one write "
            + "system call per batch instead of an fsync.")
    boolean noForce;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchingMain()).execute(args));
    }

    sealed interface Write {
        record Row(long id) implements Write {}
    }

    /** A file that takes rows in bulk; every write is forced to disk, like a committed transaction. */
    static final class Table implements AutoCloseable {
        private final FileChannel channel;
        private long rowsWritten;
        private long checksum;

        private final boolean force;

        Table(Path file, boolean force) throws IOException {
            this.force = force;
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }

        void write(List<Write> batch) {
            ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES * batch.size());
            for (Write write : batch) {
                switch (write) {
                    case Write.Row(long id) -> {
                        buffer.putLong(id);
                        checksum += id;
                    }
                }
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (force) {
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rowsWritten += batch.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static Behavior<Write> oneByOne(Table table, long expected, CompletableFuture<Result> done) {
        return Behaviors.receiveMessage(row -> {
            table.write(List.of(row));
            return finishedAt(table, expected, done);
        });
    }

    static Behavior<Write> batched(Table table, int maxBatch, long expected, CompletableFuture<Result> done) {
        return Behaviors.batching(maxBatch, rows -> {
            table.write(rows);
            return finishedAt(table, expected, done);
        });
    }

    private static Behavior<Write> finishedAt(Table table, long expected, CompletableFuture<Result> done) {
        if (table.rowsWritten == expected) {
            done.complete(new Result(table.rowsWritten, table.checksum));
        }
        return Behaviors.same();
    }

    /** One validated run; returns its time in nanoseconds, from the first row sent to the last one forced. */
    static long run(boolean batching, long rows, int maxBatch, boolean force) throws Exception {
        Path file = Files.createTempFile("troupe-bulk-write", ".bin");
        CompletableFuture<Result> done = new CompletableFuture<>();
        try (Table table = new Table(file, force)) {
            ActorSystem<Write> writer = ActorSystem.create(
                    batching ? batched(table, maxBatch, rows, done) : oneByOne(table, rows, done), "bulk-write",
                    ActorSystemSettings.builder().parallelism(2).build());
            try {
                long start = System.nanoTime();
                for (long id = 1; id <= rows; id++) {
                    writer.tell(new Write.Row(id));
                }
                Result result = done.get(10, TimeUnit.MINUTES);
                long nanos = System.nanoTime() - start;
                Result expected = new Result(rows, Work.triangle(rows));
                if (!result.equals(expected)) {
                    throw new IllegalStateException("bulk write " + (batching ? "batched" : "one by one")
                            + ": expected " + expected + " but got " + result + "; no time is reported");
                }
                return nanos;
            } finally {
                writer.terminate();
                writer.whenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            rows = 200;
            rounds = 1;
        }
        List<Long> oneByOne = new ArrayList<>();
        List<Long> batched = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // ABBA: A = one by one, B = batched
            oneByOne.add(run(false, rows, maxBatch, !noForce));
            batched.add(run(true, rows, maxBatch, !noForce));
            batched.add(run(true, rows, maxBatch, !noForce));
            oneByOne.add(run(false, rows, maxBatch, !noForce));
            System.err.printf(Locale.ROOT, "round %d/%d done%n", round + 1, rounds);
        }
        double a = Report.median(oneByOne) / 1e9;
        double b = Report.median(batched) / 1e9;
        System.out.printf(Locale.ROOT, "%-14s %10s %14s%n", "variant", "median s", "rows/s");
        System.out.printf(Locale.ROOT, "%-14s %10.3f %,14.0f%n", "one by one", a, rows / a);
        System.out.printf(Locale.ROOT, "%-14s %10.3f %,14.0f%n", "batched", b, rows / b);
        System.out.printf(Locale.ROOT, "batching gain  %.1fx (%d rows, batches up to %d, %d runs each, %s)%n", a / b,
                rows, maxBatch, oneByOne.size(), noForce ? "write per batch" : "write and fsync per batch");
        return 0;
    }
}
