package dev.troupe.persistence;

import static dev.troupe.persistence.JournalContract.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.troupe.actor.ActorRef;
import dev.troupe.persistence.Shelf.Command;
import dev.troupe.testkit.ActorTestKit;
import dev.troupe.testkit.TestProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash test's rounds, for any JDBC store: start {@link CrashingWriterMain} in a separate JVM, read its
 * acknowledgements, kill it with SIGKILL ({@link ProcessHandle#destroyForcibly()}) after a random number of them, then
 * open the store in this process and check that every acknowledged event is there, that each entity's sequence
 * numbers run 1..n without gap or duplicate, and that the recovered state is the fold of the stored events. The
 * next round's writer recovers the same entities and writes on.
 *
 * <p>Synchronization is only by the child's output, each wait with a deadline; a child that does not start, or
 * stops by itself, fails the test with its standard error.
 */
final class CrashRounds {
    private static final Pattern ACK = Pattern.compile("ack (\\S+) (\\d+) (\\S+) \\.");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(30);
    private static final int PAGE = 1_000;
    /** Stands for the end of the child's output in the queue of its lines. */
    private static final String END = new String("end of output");

    private final List<String> storeArguments;
    private final Supplier<JdbcStore> openInProcess;
    private final ActorTestKit kit;
    private final Path logDirectory;
    /** Per entity: acknowledged sequence number to the item it stored. */
    private final Map<String, Map<Long, String>> acknowledged = new HashMap<>();

    CrashRounds(List<String> storeArguments, Supplier<JdbcStore> openInProcess, ActorTestKit kit, Path logDirectory) {
        this.storeArguments = storeArguments;
        this.openInProcess = openInProcess;
        this.kit = kit;
        this.logDirectory = logDirectory;
    }

    /** The seed of the kill points: the system property {@code troupe.crash.seed}, else a new one. */
    static long seed() {
        return Long.getLong("troupe.crash.seed", System.nanoTime());
    }

    /** Runs {@code rounds} kill-and-check rounds, each killing after between 50 and 600 acknowledgements. */
    void run(int rounds, long seed) throws Exception {
        System.out.println("Crash test seed " + seed + " (on " + storeArguments.getFirst()
                + "; repeat the kill points with -Dtroupe.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            int killAfter = 50 + random.nextInt(550);
            int acks = killWriterAfter(round, killAfter);
            Map<String, Long> stored = checkStore();
            System.out.println("Round " + round + ": killed after " + acks + " acknowledgements (aimed at "
                    + killAfter + "); stored per entity " + stored);
        }
    }

    /** Runs the writer until it acknowledged {@code killAfter} events, kills it; returns all acks it printed. */
    private int killWriterAfter(int round, int killAfter) throws Exception {
        Path errors = logDirectory.resolve("writer-" + round + ".err");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(
                        () -> new AssertionError("The path of this JVM's java binary is unknown")),
                "-Xmx256m", "-XX:+UseSerialGC",
                // Surefire sets java.class.path to the test class path, also when it starts its fork from a
                // manifest-only jar.
                "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName()));
        command.addAll(storeArguments);
        command.add("r" + round);
        Process writer = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("writer-output-" + round).start(() -> readLines(writer, lines));
        try {
            String first = next(lines, START_DEADLINE, writer, errors);
            if (!first.equals("ready")) {
                fail("The writer's first line is not 'ready' but '" + first + "'" + diagnosis(writer, errors));
            }
            int acks = 0;
            while (acks < killAfter) {
                record(next(lines, ACK_DEADLINE, writer, errors));
                acks++;
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of its output pipe.
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(ACK_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the killed writer ended").isTrue();
            // Lines already in the pipe when the kill came were acknowledged all the same.
            for (String line = next(lines, ACK_DEADLINE); line != END; line = next(lines, ACK_DEADLINE)) {
                record(line);
                acks++;
            }
            return acks;
        } finally {
            writer.destroyForcibly();
        }
    }

    private static void readLines(Process writer, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("output unreadable: " + e);
        } finally {
            lines.add(END);
        }
    }

    /** The next line, failing the test if the output ends or nothing comes within {@code deadline}. */
    private static String next(BlockingQueue<String> lines, Duration deadline, Process writer, Path errors)
            throws InterruptedException, IOException {
        String line = next(lines, deadline);
        if (line == END) {
            writer.waitFor(ACK_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            fail("The writer stopped by itself" + diagnosis(writer, errors));
        }
        return line;
    }

    private static String next(BlockingQueue<String> lines, Duration deadline) throws InterruptedException {
        String line = lines.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("The writer printed nothing within " + deadline);
        }
        return line;
    }

    private static String diagnosis(Process writer, Path errors) throws IOException {
        String exit = writer.isAlive() ? "still running" : "exit code " + writer.exitValue();
        return " (" + exit + "); its standard error:\n" + Files.readString(errors);
    }

    /**
     * An acknowledgement counts once the line is complete: a line cut off by the kill does not match. The same
     * sequence number acknowledged again with another item would mean the journal lost or replaced an event.
     */
    private void record(String line) {
        Matcher ack = ACK.matcher(line);
        if (!ack.matches()) {
            if (line.startsWith("ack ")) {
                return;
            }
            fail("Unexpected output from the writer: " + line);
        }
        String previous = acknowledged.computeIfAbsent(ack.group(1), entity -> new HashMap<>())
                .putIfAbsent(Long.parseLong(ack.group(2)), ack.group(3));
        assertThat(previous).as("item acknowledged before at %s #%s", ack.group(1), ack.group(2))
                .isIn(null, ack.group(3));
    }

    /** Checks the store against the acknowledgements; returns the number of stored events per entity. */
    private Map<String, Long> checkStore() {
        Map<String, Long> stored = new TreeMap<>();
        try (JdbcStore store = openInProcess.get()) {
            for (int index = 0; index < CrashingWriterMain.ENTITIES; index++) {
                String entity = CrashingWriterMain.entityId(index);
                List<String> items = storedItems(store.journal(), PersistenceId.of("shelf", entity));
                Map<Long, String> acked = acknowledged.getOrDefault(entity, Map.of());
                acked.forEach((seqNr, item) -> {
                    assertThat(seqNr).as("acknowledged %s #%s is stored", entity, seqNr)
                            .isLessThanOrEqualTo(items.size());
                    assertThat(items.get((int) (seqNr - 1))).as("item of %s #%s", entity, seqNr).isEqualTo(item);
                });
                assertThat(await(store.journal().highestSequenceNr(PersistenceId.of("shelf", entity))))
                        .isEqualTo(items.size());
                assertThat(recoveredState(store, entity)).as("state of %s recovered", entity).isEqualTo(items);
                stored.put(entity, (long) items.size());
            }
        }
        return stored;
    }

    /** All items of the entity's events, checking that the sequence numbers are exactly 1..n. */
    private static List<String> storedItems(Journal journal, PersistenceId id) {
        List<String> items = new ArrayList<>();
        List<PersistentEvent> page;
        do {
            page = await(journal.read(id, items.size() + 1L, PAGE));
            for (PersistentEvent event : page) {
                assertThat(event.sequenceNr()).as("sequence number of %s after %s", id, items.size())
                        .isEqualTo(items.size() + 1L);
                items.add(((Shelf.Event.Placed) event.event()).item());
            }
        } while (page.size() == PAGE);
        return items;
    }

    private List<String> recoveredState(JdbcStore store, String entity) {
        TestProbe<List<String>> replies = kit.createTestProbe();
        ActorRef<Command> shelf = kit.spawn(Shelf.shelf(entity, store.journal())
                .withSnapshots(store.snapshotStore(), CrashingWriterMain.SNAPSHOT_EVERY).behavior());
        shelf.tell(new Command.Get(replies.ref()));
        List<String> state = replies.receiveMessage();
        kit.stop(shelf);
        return state;
    }
}
