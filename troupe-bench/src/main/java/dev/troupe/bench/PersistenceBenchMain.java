package dev.troupe.bench;

import dev.troupe.actor.ActorRef;
import dev.troupe.actor.ActorSystem;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.persistence.Effect;
import dev.troupe.persistence.EventSourcedBehavior;
import dev.troupe.persistence.JacksonSerializer;
import dev.troupe.persistence.JdbcStore;
import dev.troupe.persistence.PersistenceId;
import dev.troupe.persistence.PersistentEvent;
import dev.troupe.persistence.PostgresSettings;
import dev.troupe.persistence.PostgresStore;
import dev.troupe.persistence.RecoveryCompleted;
import dev.troupe.persistence.Snapshot;
import dev.troupe.persistence.SqliteSettings;
import dev.troupe.persistence.SqliteStore;
import dev.troupe.persistence.TypeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Persistence figures: events persisted per second by 1 and by 1,000 concurrent event-sourced actors (each
 * persists one event per command and sends the next command when the reply comes), and the time to recover an
 * actor with 1,000,000 events, without a snapshot and from a snapshot, on SQLite and (with
 * {@code --postgres-url}) PostgreSQL. Each round uses a fresh store; the figures are medians over the rounds.
 * Every run checks itself — the events stored equal the events persisted, the recovered state equals the fold of
 * the events — and a run that fails a check reports no figure but an error (exit code 1).
 */
@Command(name = "persistence", mixinStandardHelpOptions = true,
        description = "Events persisted per second and recovery time, on SQLite and PostgreSQL.")
public final class PersistenceBenchMain implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds per figure (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--events", defaultValue = "20000",
            description = "Events persisted per throughput run, shared by the actors (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--recovery-events", defaultValue = "1000000",
            description = "Events of the recovered actor (default ${DEFAULT-VALUE}).")
    int recoveryEvents;

    @Option(names = "--postgres-url", description = "JDBC URL of an empty PostgreSQL database; without it only "
            + "SQLite is measured. The schema is created; each round drops and recreates its tables.")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "troupe", description = "Default ${DEFAULT-VALUE}.")
    String postgresUser;

    @Option(names = "--postgres-password", defaultValue = "", description = "Default empty.")
    String postgresPassword;

    @Option(names = "--quick", description = "Tiny sizes, one round: checks that everything works (CI).")
    boolean quick;

    private static final int[] ACTOR_COUNTS = {1, 1_000};
    private static final int WRITE_BATCH = 1_000;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PersistenceBenchMain()).execute(args));
    }

    sealed interface Counter {
        record Add(long amount, ActorRef<Total> replyTo) implements Counter {}
    }

    record Added(long amount) {}

    record Total(long count, long sum) {
        static final Total ZERO = new Total(0, 0);

        Total plus(Added event) {
            return new Total(count + 1, sum + event.amount());
        }
    }

    private static final TypeRegistry TYPES = TypeRegistry.empty()
            .register(Added.class, "bench.added", 1)
            .register(Total.class, "bench.total", 1);

    private static EventSourcedBehavior<Counter, Added, Total> counter(String id, JdbcStore store) {
        return EventSourcedBehavior.create(PersistenceId.of("counter", id), store.journal(), Total.ZERO,
                (Total state, Counter command) -> switch (command) {
                    case Counter.Add(long amount, var replyTo) -> Effect.persist(new Added(amount))
                            .thenReply(replyTo, (Total total) -> total);
                }, Total::plus);
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            rounds = 1;
            events = 2_000;
            recoveryEvents = 5_000;
        }
        List<String> stores = postgresUrl == null ? List.of("sqlite") : List.of("sqlite", "postgres");
        List<String> report = new ArrayList<>();
        for (String kind : stores) {
            for (int actors : ACTOR_COUNTS) {
                int perActor = Math.max(1, events / actors);
                List<Double> rates = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    try (Fresh fresh = fresh(kind)) {
                        rates.add(throughput(fresh.store, actors, perActor));
                    }
                    progress("%s, %,d actors, round %d/%d: %,.0f events/s", kind, actors, round, rounds,
                            rates.getLast());
                }
                report.add(String.format(Locale.ROOT, "%-8s persist, %,5d actors: %,10.0f events/s (median of %d)",
                        kind, actors, median(rates), rounds));
            }
            for (boolean snapshot : new boolean[] {false, true}) {
                List<Double> millis = new ArrayList<>();
                try (Fresh fresh = fresh(kind)) {
                    fill(fresh.store, recoveryEvents, snapshot);
                    for (int round = 1; round <= rounds; round++) {
                        millis.add(recovery(fresh.store, recoveryEvents, snapshot));
                        progress("%s, recovery of %,d events %s, round %d/%d: %,.0f ms", kind, recoveryEvents,
                                snapshot ? "from a snapshot" : "without snapshot", round, rounds, millis.getLast());
                    }
                }
                report.add(String.format(Locale.ROOT, "%-8s recover %,d events %-17s %,10.0f ms (median of %d)",
                        kind, recoveryEvents, snapshot ? "from a snapshot:" : "without snapshot:", median(millis),
                        rounds));
            }
        }
        System.out.println();
        report.forEach(System.out::println);
        return 0;
    }

    /** A store on an empty database, deleted (SQLite) or emptied (PostgreSQL) when closed. */
    private final class Fresh implements AutoCloseable {
        final JdbcStore store;
        private final Path directory;

        Fresh(JdbcStore store, Path directory) {
            this.store = store;
            this.directory = directory;
        }

        @Override
        public void close() throws Exception {
            store.close();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private Fresh fresh(String kind) throws Exception {
        if (kind.equals("sqlite")) {
            Path directory = Files.createTempDirectory("troupe-persistence-bench");
            return new Fresh(SqliteStore.open(SqliteSettings.of(directory.resolve("bench.db"),
                    JacksonSerializer.json(TYPES))), directory);
        }
        try (Connection connection = DriverManager.getConnection(postgresUrl, postgresUser, postgresPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS event_tag, event_journal, journal_metadata, snapshot_store, "
                    + "projection_offset CASCADE");
        }
        return new Fresh(PostgresStore.open(PostgresSettings.of(postgresUrl, postgresUser, postgresPassword,
                JacksonSerializer.json(TYPES)).withSchemaCreation(true)), null);
    }

    /** {@code actors} counters each persist {@code perActor} events, one command at a time; events per second. */
    private static double throughput(JdbcStore store, int actors, int perActor) throws Exception {
        List<CompletableFuture<Total>> done = Stream.generate(CompletableFuture<Total>::new).limit(actors).toList();
        long start = System.nanoTime();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
            for (int index = 0; index < actors; index++) {
                ActorRef<Counter> counter = context.spawn(counter("c" + index, store).behavior(), "c" + index);
                context.spawn(driver(counter, perActor, done.get(index)), "driver-" + index);
            }
            return Behaviors.empty();
        }), "persistence-bench");
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = 0;
        for (int index = 0; index < actors; index++) {
            Total total = done.get(index).get();
            long highest = store.journal().highestSequenceNr(PersistenceId.of("counter", "c" + index))
                    .toCompletableFuture().get(1, TimeUnit.MINUTES);
            check(total.count() == perActor && total.sum() == sum(perActor) && highest == perActor,
                    "counter c" + index + " replied " + total + " with " + highest + " events stored, expected "
                            + perActor);
            stored += highest;
        }
        check(stored == (long) actors * perActor, "stored " + stored + " events, persisted " + actors * perActor);
        return stored / seconds;
    }

    private static Behavior<Total> driver(ActorRef<Counter> counter, int count, CompletableFuture<Total> done) {
        return Behaviors.setup(context -> {
            counter.tell(new Counter.Add(1, context.self()));
            return Behaviors.receiveMessage(total -> {
                if (total.count() == count) {
                    done.complete(total);
                    return Behaviors.stopped();
                }
                counter.tell(new Counter.Add(total.count() + 1, context.self()));
                return Behaviors.same();
            });
        });
    }

    /** Writes the recovered actor's events straight to the journal, and a snapshot of the full state if asked. */
    private static void fill(JdbcStore store, int count, boolean snapshot) throws Exception {
        PersistenceId id = PersistenceId.of("counter", "recovered");
        for (long from = 1; from <= count; from += WRITE_BATCH) {
            long to = Math.min(count, from + WRITE_BATCH - 1);
            List<PersistentEvent> batch = LongStream.rangeClosed(from, to)
                    .mapToObj(nr -> new PersistentEvent(id, nr, new Added(nr), Set.of())).toList();
            store.journal().write(batch).toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        if (snapshot) {
            store.snapshotStore().save(new Snapshot(id, count, new Total(count, sum(count))))
                    .toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        progress("wrote %,d events%s", count, snapshot ? " and a snapshot" : "");
    }

    /** Milliseconds from spawning the actor to its RecoveryCompleted; checks the recovered state. */
    private static double recovery(JdbcStore store, int count, boolean snapshot) throws Exception {
        CompletableFuture<Total> recovered = new CompletableFuture<>();
        long start = System.nanoTime();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
            EventSourcedBehavior<Counter, Added, Total> counter = counter("recovered", store)
                    .withSignalHandler((state, signal) -> {
                        if (signal instanceof RecoveryCompleted) {
                            recovered.complete(state);
                        }
                    });
            context.spawn((snapshot ? counter.withSnapshots(store.snapshotStore(), Integer.MAX_VALUE) : counter)
                    .behavior(), "recovered");
            return Behaviors.empty();
        }), "persistence-recovery-bench");
        try {
            Total state = recovered.get(10, TimeUnit.MINUTES);
            double millis = (System.nanoTime() - start) / 1e6;
            check(state.equals(new Total(count, sum(count))), "recovered " + state + ", expected the fold of "
                    + count + " events");
            return millis;
        } finally {
            system.terminate();
            system.whenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private static long sum(long count) {
        return count * (count + 1) / 2;
    }

    private static void check(boolean holds, String failure) {
        if (!holds) {
            throw new IllegalStateException("Check failed, no figure: " + failure);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void progress(String format, Object... arguments) {
        System.err.printf(Locale.ROOT, format + "%n", arguments);
    }
}
