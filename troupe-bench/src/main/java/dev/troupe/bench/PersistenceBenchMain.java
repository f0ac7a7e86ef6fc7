package dev.troupe.bench;

import dev.troupe.bench.PersistenceRounds.Target;
import dev.troupe.persistence.JdbcStore;
import dev.troupe.persistence.internal.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Persistence figures: events persisted per second by 1 and by 1,000 concurrent event-sourced actors (each
 * persists one event per command and sends the next command when the reply comes), and the time to recover an
 * actor with 1,000,000 events, replaying all of them, or from a snapshot near the end that leaves 1,000 to
 * replay; on SQLite and PostgreSQL.
 *
 * <p>Each figure runs in fresh JVM forks of its own, configured alike ({@link Forks}), each a warm-up round and
 * then measured rounds ({@link PersistenceForkMain}); the report gives each fork's median, the median of all
 * measured rounds and the range of the fork medians. Each throughput round starts on an empty store; the recovery
 * forks share one store that this JVM filled before. PostgreSQL is the server of {@code --postgres-url} or, by
 * default, a throwaway cluster of the machine's binaries with PostgreSQL's durable defaults (see
 * {@link PostgresCluster}); without binaries those figures are skipped, saying so, unless
 * {@code --require-postgres}. Every round checks itself, and a failed check ends the run with exit code 1 and no
 * figures. Run from one thread (its {@code main}).
 */
@Command(name = "persistence", mixinStandardHelpOptions = true,
        description = "Events persisted per second and recovery time on SQLite and PostgreSQL, in fresh JVM forks.")
public final class PersistenceBenchMain implements Callable<Integer> {

    @Option(names = "--forks", defaultValue = "3", description = "Fresh JVMs per figure (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmups", defaultValue = "1", description = "Warm-up rounds per fork (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per fork (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xms = -Xmx of each fork (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--single-events", defaultValue = "2000",
            description = "Events the single actor persists per round (default ${DEFAULT-VALUE}).")
    int singleEvents;

    @Option(names = "--actors", defaultValue = "1000",
            description = "Concurrent actors of the many-actor figure (default ${DEFAULT-VALUE}).")
    int actors;

    @Option(names = "--events-per-actor", defaultValue = "50",
            description = "Events each of them persists per round (default ${DEFAULT-VALUE}).")
    int eventsPerActor;

    @Option(names = "--recovery-events", defaultValue = "1000000",
            description = "Events of the recovered actor (default ${DEFAULT-VALUE}).")
    long recoveryEvents;

    @Option(names = "--after-snapshot", defaultValue = "1000",
            description = "Events after its snapshot, replayed by the snapshot figure (default ${DEFAULT-VALUE}).")
    long afterSnapshot;

    @Option(names = "--stores", split = ",", defaultValue = "sqlite,postgres",
            description = "Stores to measure (default ${DEFAULT-VALUE}).")
    List<String> stores;

    @Option(names = "--figures", split = ",", defaultValue = "persist-one,persist-many,recover-all,recover-snapshot",
            description = "Figures to measure (default ${DEFAULT-VALUE}).")
    List<String> figures;

    @Option(names = "--postgres-url", description = "JDBC URL of an empty PostgreSQL database (each throughput round "
            + "drops and recreates Troupe's tables in it); without it a throwaway cluster is started.")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "troupe", description = "Default ${DEFAULT-VALUE}.")
    String postgresUser;

    @Option(names = "--postgres-password", defaultValue = "", description = "Default empty.")
    String postgresPassword;

    @Option(names = "--require-postgres", description = "Fail instead of skipping PostgreSQL when it cannot run.")
    boolean requirePostgres;

    @Option(names = "--quick", description = "Tiny sizes, 1 fork, 1 warm-up and 1 measured round: checks that "
            + "everything works (CI).")
    boolean quick;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PersistenceBenchMain()).execute(args));
    }

    /** The measured rounds of one figure on one store, by fork. */
    private record Measured(String store, PersistenceFigure figure, Map<Integer, List<Double>> byFork) {}

    private final long started = System.nanoTime();
    private List<PersistenceFigure> chosen;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            forks = 1;
            warmups = 1;
            rounds = 1;
            heap = "256m";
            singleEvents = 50;
            eventsPerActor = 2;
            recoveryEvents = 5_000;
            afterSnapshot = 1_000;
        }
        if (forks < 1 || rounds < 1 || warmups < 0 || actors < 1 || eventsPerActor < 1 || singleEvents < 1
                || afterSnapshot < 1 || afterSnapshot >= recoveryEvents) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--forks, --rounds, --actors and the "
                    + "event counts must be positive, and --after-snapshot below --recovery-events");
        }
        try {
            chosen = figures.stream().map(PersistenceFigure::byName).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (!List.of("sqlite", "postgres").containsAll(stores)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--stores takes sqlite and postgres, was "
                    + stores);
        }
        System.out.printf(Locale.ROOT, "Persistence: %d fork(s) per figure x (%d warm-up + %d measured rounds); "
                        + "%d CPUs, load average %s; fork options %s%n", forks, warmups, rounds,
                Runtime.getRuntime().availableProcessors(), loadAverage(),
                String.join(" ", forkOptions()));
        List<Measured> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path directory = Files.createTempDirectory("troupe-persistence-bench");
        try {
            for (String store : stores) {
                boolean measured = store.equals("sqlite")
                        ? measure(new Target("sqlite", directory.toString(), "", ""), results)
                        : measurePostgres(results, notes);
                if (!measured) {
                    return 1;
                }
            }
        } finally {
            PersistenceRounds.delete(directory);
        }
        System.out.printf(Locale.ROOT, "%nMedians over %d fork(s) x %d rounds (load average at the end %s):%n",
                forks, rounds, loadAverage());
        for (Measured measured : results) {
            System.out.println(summary(measured));
        }
        notes.forEach(System.out::println);
        return 0;
    }

    /** PostgreSQL at --postgres-url or in a throwaway cluster; false if a fork failed or PostgreSQL is required. */
    private boolean measurePostgres(List<Measured> results, List<String> notes) throws Exception {
        if (postgresUrl != null) {
            return measure(new Target("postgres", postgresUrl, postgresUser, postgresPassword), results);
        }
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isEmpty()) {
            String reason = "PostgreSQL figures skipped: " + PostgresCluster.MISSING_BINARIES
                    + ", or pass --postgres-url";
            if (requirePostgres) {
                System.err.println(reason + " (--require-postgres requires them)");
                return false;
            }
            System.out.println(reason);
            notes.add(reason);
            return true;
        }
        progress("starting a throwaway PostgreSQL cluster with %s (fsync and synchronous_commit on)", bin.get());
        PostgresCluster cluster = PostgresCluster.start(bin.get(), true);
        Thread stopOnInterrupt = new Thread(() -> stop(cluster)); // Ctrl-C: leave no server or directory behind
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            return measure(new Target("postgres", cluster.createDatabase(), PostgresCluster.USER, ""), results);
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            cluster.close();
        }
    }

    private static void stop(PostgresCluster cluster) {
        try {
            cluster.close();
        } catch (IOException | InterruptedException e) {
            System.err.println("Could not stop the throwaway PostgreSQL cluster: " + e.getMessage());
        }
    }

    /** Every figure on {@code target}, the fixture of the recovery figures filled after the throughput ones. */
    private boolean measure(Target target, List<Measured> results) throws Exception {
        boolean filled = false;
        for (PersistenceFigure figure : PersistenceFigure.values()) {
            if (!chosen.contains(figure)) {
                continue;
            }
            if (!figure.isThroughput() && !filled) {
                filled = true;
                progress("%s: writing %,d events and a snapshot at %,d for the recovery figures", target.kind(),
                        recoveryEvents, recoveryEvents - afterSnapshot);
                try (JdbcStore store = target.openFixture()) {
                    PersistenceRounds.fill(store, recoveryEvents, recoveryEvents - afterSnapshot);
                }
            }
            Measured measured = new Measured(target.kind(), figure, new LinkedHashMap<>());
            for (int fork = 1; fork <= forks; fork++) {
                PersistenceForkMain.Spec spec = new PersistenceForkMain.Spec(fork, figure, warmups, rounds, target,
                        actors, figure == PersistenceFigure.PERSIST_ONE ? singleEvents : eventsPerActor,
                        recoveryEvents, recoveryEvents - afterSnapshot);
                List<String> command = forkOptions();
                command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        PersistenceForkMain.class.getName()));
                command.addAll(spec.toArgs());
                String label = target.kind() + " fork " + fork;
                boolean ok = Forks.run(Forks.java(), command, label, PersistenceForkMain.TAG, line -> {
                    String[] fields = line.split("\t");
                    double value = Double.parseDouble(fields[6]);
                    progress("%-8s %-44s fork %d/%d %-7s %s: %,.0f %s", target.kind(), describe(figure), spec.fork(),
                            forks, fields[4], fields[5], value, figure.unit);
                    if (fields[4].equals("measure")) {
                        measured.byFork().computeIfAbsent(spec.fork(), key -> new ArrayList<>()).add(value);
                    }
                });
                if (!ok) {
                    return false;
                }
            }
            results.add(measured);
        }
        return true;
    }

    private List<String> forkOptions() {
        List<String> options = Forks.jvmOptions(heap);
        if (Runtime.version().feature() >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED"); // sqlite-jdbc loads its library; silences the warning
        }
        return options;
    }

    private String describe(PersistenceFigure figure) {
        return switch (figure) {
            case PERSIST_ONE -> String.format(Locale.ROOT, "persist, 1 actor x %,d events", singleEvents);
            case PERSIST_MANY -> String.format(Locale.ROOT, "persist, %,d actors x %,d events", actors,
                    eventsPerActor);
            case RECOVER_ALL -> String.format(Locale.ROOT, "recover %,d events, no snapshot", recoveryEvents);
            case RECOVER_SNAPSHOT -> String.format(Locale.ROOT, "recover %,d events, %,d after a snapshot",
                    recoveryEvents, afterSnapshot);
        };
    }

    private String summary(Measured measured) {
        List<Double> forkMedians = measured.byFork().values().stream().map(Report::median).toList();
        List<Double> all = measured.byFork().values().stream().flatMap(List::stream).toList();
        String perFork = String.join(" | ", forkMedians.stream()
                .map(value -> String.format(Locale.ROOT, "%,.0f", value)).toList());
        return String.format(Locale.ROOT, "%-8s %-44s %,10.0f %-8s forks %s (range %,.0f..%,.0f)", measured.store(),
                describe(measured.figure()) + ":", Report.median(all), measured.figure().unit, perFork,
                forkMedians.stream().min(Double::compare).orElseThrow(),
                forkMedians.stream().max(Double::compare).orElseThrow());
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void progress(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[%5.0fs] " + format + "%n",
                Stream.concat(Stream.of((System.nanoTime() - started) / 1e9), Stream.of(arguments)).toArray());
    }
}
