package dev.troupe.bench;

import dev.troupe.actor.ActorContext;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * One round of each persistence figure, on a counter entity whose state is the count and the sum of the amounts
 * it persisted, so that every round can check what it measured: a round whose check fails throws
 * {@link BenchCheck.Failed} and reports no figure. Called from one thread at a time (a fork's main thread).
 */
final class PersistenceRounds {
    private PersistenceRounds() {}

    sealed interface Counter {
        record Add(long amount, ActorRef<Total> replyTo) implements Counter {}
    }

    record Added(long amount) {}

    record Total(long count, long sum) {
        static final Total ZERO = new Total(0, 0);

        Total plus(Added event) {
            return new Total(count + 1, sum + event.amount());
        }

        /** The state after the events 1..n, event i adding i. */
        static Total ofFirst(long n) {
            return new Total(n, n * (n + 1) / 2);
        }
    }

    static final TypeRegistry TYPES = TypeRegistry.empty()
            .register(Added.class, "bench.added", 1)
            .register(Total.class, "bench.total", 1);

    /** The entity the recovery figures recover. */
    static final PersistenceId RECOVERED = PersistenceId.of("counter", "recovered");

    private static final int WRITE_BATCH = 1_000;
    private static final long TIMEOUT_MINUTES = 10;

    /**
     * Where a fork's stores live: {@code kind} "sqlite" with a directory, or "postgres" with the JDBC URL of a
     * database that Troupe's tables may be dropped from.
     */
    record Target(String kind, String location, String user, String password) {
        Target {
            if (!kind.equals("sqlite") && !kind.equals("postgres")) {
                throw new IllegalArgumentException("A store is sqlite or postgres, was " + kind);
            }
        }

        /** A store on an empty database; closing it deletes the database (SQLite) or leaves it for the next. */
        Fresh openEmpty() throws Exception {
            if (kind.equals("sqlite")) {
                Path directory = Files.createTempDirectory(Path.of(location), "round");
                return new Fresh(SqliteStore.open(sqlite(directory.resolve("bench.db"))), directory);
            }
            try (Connection connection = DriverManager.getConnection(location, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS event_tag, event_journal, journal_metadata, snapshot_store, "
                        + "projection_offset CASCADE");
            }
            return new Fresh(openFixture(), null);
        }

        /** The store that {@link #fill} wrote, or (PostgreSQL) a store on the database, its schema applied. */
        JdbcStore openFixture() {
            if (kind.equals("sqlite")) {
                return SqliteStore.open(sqlite(Path.of(location, "recovery.db")));
            }
            return PostgresStore.open(PostgresSettings.of(location, user, password, JacksonSerializer.json(TYPES))
                    .withSchemaCreation(true));
        }

        private static SqliteSettings sqlite(Path file) {
            return SqliteSettings.of(file, JacksonSerializer.json(TYPES));
        }
    }

    /** A store on an empty database, with the directory to delete after it (SQLite). */
    record Fresh(JdbcStore store, Path directory) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            store.close();
            if (directory != null) {
                delete(directory);
            }
        }
    }

    /** Deletes {@code directory} and everything in it. */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static EventSourcedBehavior<Counter, Added, Total> counter(PersistenceId id, JdbcStore store,
                                                                       Consumer<Total> onRecovered,
                                                                       AtomicLong replayed) {
        return EventSourcedBehavior.create(id, store.journal(), Total.ZERO,
                (Total state, Counter command) -> switch (command) {
                    case Counter.Add(long amount, var replyTo) -> Effect.persist(new Added(amount))
                            .thenReply(replyTo, (Total total) -> total);
                }, (Total state, Added event) -> {
                    replayed.incrementAndGet();
                    return state.plus(event);
                }).withSignalHandler((state, signal) -> {
                    if (signal instanceof RecoveryCompleted) {
                        onRecovered.accept(state);
                    }
                });
    }

    /** A command the guardian runs in its own context. */
    @FunctionalInterface
    private interface InGuardian {
        void run(ActorContext<InGuardian> context);
    }

    private static ActorSystem<InGuardian> system(String name) {
        return ActorSystem.create(Behaviors.<InGuardian>receive((context, command) -> {
            command.run(context);
            return Behaviors.same();
        }), name);
    }

    private static void terminate(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.whenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    /**
     * {@code actors} counters on an empty store each persist {@code perActor} events, one command at a time;
     * events per second from the first command to the last reply (the actors' start and recovery are not
     * timed). Checks the replies and what the journal stored.
     */
    static double throughput(JdbcStore store, int actors, int perActor) throws Exception {
        List<CompletableFuture<Total>> done = Stream.generate(CompletableFuture<Total>::new).limit(actors).toList();
        List<ActorRef<Counter>> counters = new ArrayList<>();
        CountDownLatch recovered = new CountDownLatch(actors);
        AtomicLong applied = new AtomicLong(); // events through the handler: not checked here, the replies are
        ActorSystem<InGuardian> system = system("persistence-bench");
        try {
            CompletableFuture<Void> spawned = new CompletableFuture<>();
            system.tell(context -> {
                for (int index = 0; index < actors; index++) {
                    counters.add(context.spawn(counter(PersistenceId.of("counter", "c" + index), store,
                            state -> recovered.countDown(), applied).behavior(), "c" + index));
                }
                spawned.complete(null);
            });
            spawned.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            BenchCheck.that(recovered.await(TIMEOUT_MINUTES, TimeUnit.MINUTES),
                    "the counters did not recover within " + TIMEOUT_MINUTES + " minutes");
            long start = System.nanoTime();
            system.tell(context -> {
                for (int index = 0; index < actors; index++) {
                    context.spawn(driver(counters.get(index), perActor, done.get(index)), "driver-" + index);
                }
            });
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            long stored = 0;
            for (int index = 0; index < actors; index++) {
                long highest = store.journal().highestSequenceNr(PersistenceId.of("counter", "c" + index))
                        .toCompletableFuture().get(1, TimeUnit.MINUTES);
                BenchCheck.persisted("counter c" + index, perActor, done.get(index).join(), highest);
                stored += highest;
            }
            return stored / seconds;
        } finally {
            terminate(system);
        }
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

    /**
     * Writes the events 1..{@code count} of {@link #RECOVERED} straight to the journal, and a snapshot of the state
     * after {@code snapshotAt} of them.
     */
    static void fill(JdbcStore store, long count, long snapshotAt) throws Exception {
        for (long from = 1; from <= count; from += WRITE_BATCH) {
            long to = Math.min(count, from + WRITE_BATCH - 1);
            List<PersistentEvent> batch = LongStream.rangeClosed(from, to)
                    .mapToObj(nr -> new PersistentEvent(RECOVERED, nr, new Added(nr), Set.of())).toList();
            store.journal().write(batch).toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        store.snapshotStore().save(new Snapshot(RECOVERED, snapshotAt, Total.ofFirst(snapshotAt)))
                .toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    /**
     * Milliseconds from spawning {@link #RECOVERED} to its RecoveryCompleted, from its snapshot or from its first
     * event. Checks the recovered state and how many events were replayed.
     */
    static double recovery(JdbcStore store, long count, long snapshotAt, boolean fromSnapshot) throws Exception {
        CompletableFuture<Total> recovered = new CompletableFuture<>();
        AtomicLong replayed = new AtomicLong();
        ActorSystem<InGuardian> system = system("persistence-recovery-bench");
        try {
            long start = System.nanoTime();
            system.tell(context -> {
                EventSourcedBehavior<Counter, Added, Total> counter = counter(RECOVERED, store, recovered::complete,
                        replayed);
                context.spawn((fromSnapshot ? counter.withSnapshots(store.snapshotStore(), Integer.MAX_VALUE)
                        : counter).behavior(), "recovered");
            });
            Total state = recovered.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            double millis = (System.nanoTime() - start) / 1e6;
            BenchCheck.recovered(count, fromSnapshot ? count - snapshotAt : count, state, replayed.get());
            return millis;
        } finally {
            terminate(system);
        }
    }
}
