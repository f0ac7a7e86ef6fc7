package dev.troupe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark runner: starts fresh JVM forks configured alike (fixed heap, pre-touched), each running every
 * workload on every system interleaved A B B A with warmups and measured rounds (see {@link ForkMain}), shows
 * each run as it completes, and aggregates: median per system, per-fork medians, ratio other/Troupe with its
 * range over the forks, geometric mean. Writes {@code runs.csv}, {@code results.csv}, {@code results.json}
 * and {@code ratios.svg}.
 */
@Command(name = "troupe-bench", mixinStandardHelpOptions = true,
        description = "Runs the Savina workloads on Troupe and Apache Pekko side by side, in fresh JVM forks.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--quick", description = "Everything once at small sizes: 1 fork, 1 warmup, 1 round, 1g heap.")
    boolean quick;

    @Option(names = "--forks", description = "Fresh JVMs (default: ${DEFAULT-VALUE}).")
    int forks = 3;

    @Option(names = "--warmups", description = "Warm-up rounds per workload and system in each fork (default: ${DEFAULT-VALUE}).")
    int warmups = 3;

    @Option(names = "--rounds", description = "Measured rounds per workload and system in each fork (default: ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--heap", description = "-Xms = -Xmx of each fork (default: ${DEFAULT-VALUE}; 1g with --quick).")
    String heap = "3g";

    @Option(names = "--only", split = ",", description = "Workloads to run (default: all). Known: ${COMPLETION-CANDIDATES}",
            completionCandidates = WorkloadNames.class)
    List<String> only;

    @Option(names = "--systems", split = ",",
            description = "Systems, Troupe first (default: troupe,pekko,pekko-default; also troupe-metrics,"
                    + " troupe-1-thread).")
    List<String> systems = List.of("troupe", "pekko", "pekko-default");

    @Option(names = "--baseline-classes", description = "A baseline build of troupe-actor (its target/classes or jar):"
            + " each fork then also runs Troupe from it in a JVM of its own, as system 'baseline', alternating which"
            + " JVM goes first; the ratio baseline/troupe is the current build's speed-up (below 1: slow-down).")
    Path baselineClasses;

    @Option(names = "--jvm-per-system", description = "Run each system in a JVM of its own within each fork"
            + " (alternating which goes first), so that no system's code is compiled with another's profile; for"
            + " comparing Troupe with and without metrics as a user runs them.")
    boolean jvmPerSystem;

    @Option(names = "--size-scale", description = "Multiplies the full sizes, e.g. 0.2 for a shorter full run (default: ${DEFAULT-VALUE}).")
    double sizeScale = 1.0;

    @Option(names = "--timeout", description = "Seconds one run may take before the fork fails (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 120;

    @Option(names = "--jvm-arg", description = "Extra JVM option for the forks (repeatable), e.g. --jvm-arg=-XX:+UseCompactObjectHeaders.")
    List<String> jvmArgs = new ArrayList<>();

    /** The system name of the runs made with {@link #baselineClasses}. */
    static final String BASELINE = "baseline";

    @Option(names = "--out", description = "Directory for the result files (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-results");

    @Option(names = "--report-from", description = "Only aggregate an earlier run's runs.csv (prints the table, rewrites the files in --out).")
    Path reportFrom;

    @Option(names = "--list", description = "List the workloads and exit.")
    boolean list;

    @Option(names = "--skip-throughput", description = "Skip the Savina workloads.")
    boolean skipThroughput;

    @Option(names = "--skip-memory", description = "Skip memory per idle actor.")
    boolean skipMemory;

    @Option(names = "--skip-latency", description = "Skip request-reply latency.")
    boolean skipLatency;

    @Option(names = "--skip-max-actors", description = "Skip max actors in a 4g heap.")
    boolean skipMaxActors;

    @Option(names = "--max-actors-target", description = "Stop max actors at this many (default: 10,000,000; 200,000 with --quick).")
    Long maxActorsTarget;

    @Option(names = "--max-actors-heap", description = "Heap of the max-actors JVMs (default: 4g; 512m with --quick).")
    String maxActorsHeap;

    @Option(names = "--memory-actors", description = "Idle actors for memory per actor (default: 1,000,000; 100,000 with --quick).")
    Integer memoryActors;

    @Option(names = "--latency-requests", description = "Requests per latency round (default: 100,000; 10,000 with --quick).")
    Integer latencyRequests;

    static final class WorkloadNames extends ArrayList<String> {
        WorkloadNames() {
            super(Workloads.ALL.stream().map(Workload::name).toList());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            for (Workload w : Workloads.ALL) {
                System.out.printf(Locale.ROOT, "%-14s full %,d  quick %,d  %s%n", w.name(), w.fullSize(), w.quickSize(),
                        w.description());
            }
            return 0;
        }
        if (reportFrom != null) {
            List<Report.Row> rows = Files.readAllLines(reportFrom).stream().skip(1)
                    .filter(l -> !l.isBlank()).map(Report.Row::fromCsv).toList();
            List<String> seen = rows.stream().map(Report.Row::system).distinct().toList();
            Report report = new Report(rows, systems.stream().filter(seen::contains).toList());
            report.printTable(System.out);
            report.writeFiles(out);
            return 0;
        }
        if (quick) {
            forks = 1;
            warmups = 1;
            rounds = 1;
            heap = "1g";
        }
        if (!systems.getFirst().equals("troupe")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--systems must start with troupe");
        }
        systems.forEach(SystemKind::byId);
        List<Workload> workloads = only == null ? Workloads.ALL : only.stream().map(Workloads::byName).toList();
        Workload.SizeClass sizes = quick ? Workload.SizeClass.QUICK : Workload.SizeClass.FULL;

        String java = Forks.java();
        List<String> jvm = Forks.jvmOptions(heap);
        if (sizeScale != 1.0) {
            jvm.add("-Dtroupe.bench.sizeScale=" + sizeScale);
        }
        jvm.addAll(jvmArgs);

        int total = forks * workloads.size() * systems.size() * (warmups + rounds);
        System.out.printf(Locale.ROOT, "Troupe vs Pekko 1.7.0: %d workloads x %d systems, %d fork(s) x (%d warm-up + %d"
                        + " measured rounds), %s sizes, %d runs%n", workloads.size(), systems.size(), forks, warmups,
                rounds, quick ? "quick" : "full" + (sizeScale != 1.0 ? " x" + sizeScale : ""), total);
        System.out.printf(Locale.ROOT, "JVM: %s %s, %d CPUs; fork options: %s%n", java, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), String.join(" ", jvm));
        System.out.printf(Locale.ROOT, "Threads: troupe parallelism %d; pekko fork-join parallelism-min = max = %d, internal"
                + " dispatcher = default; pekko-default: Pekko's own defaults%n%n", SystemKind.THREADS, SystemKind.THREADS);

        List<Report.Row> rows = new ArrayList<>();
        long started = System.nanoTime();
        String currentClassPath = System.getProperty("java.class.path");
        List<String> cp = List.of("-cp", currentClassPath);
        List<String> reported = new ArrayList<>(systems);
        if (baselineClasses != null) {
            reported.add(1, BASELINE);
            total += forks * workloads.size() * (warmups + rounds);
        }
        int runs = total;
        if (!skipThroughput) {
            for (int fork = 1; fork <= forks; fork++) {
                int f = fork;
                List<List<String>> jvms = new ArrayList<>();
                if (jvmPerSystem) {
                    for (String system : systems) {
                        jvms.add(fork % 2 == 1 ? jvms.size() : 0, List.of(currentClassPath, system, "current"));
                    }
                } else {
                    jvms.add(List.of(currentClassPath, String.join(",", systems), "current"));
                }
                if (baselineClasses != null) {
                    // alternate which build runs first, so that neither always gets the fresher machine
                    jvms.add(fork % 2 == 1 ? 1 : 0, List.of(baselineClassPath(currentClassPath), "troupe", BASELINE));
                }
                for (List<String> build : jvms) {
                    String label = build.get(2);
                    List<String> cmd = new ArrayList<>(jvm);
                    cmd.addAll(List.of("-cp", build.get(0)));
                    cmd.addAll(List.of(ForkMain.class.getName(), Integer.toString(fork), Integer.toString(warmups),
                            Integer.toString(rounds), sizes.name(), Long.toString(timeoutSeconds), build.get(1),
                            String.join(",", workloads.stream().map(Workload::name).toList())));
                    if (!Forks.run(java, cmd, "fork " + fork, ForkMain.TAG, line -> {
                        Report.Row parsed = Report.Row.parse(line);
                        Report.Row row = label.equals(BASELINE) ? parsed.withSystem(BASELINE) : parsed;
                        rows.add(row);
                        Workload w = Workloads.byName(row.workload());
                        double ms = row.nanos() / 1e6;
                        System.out.printf(Locale.ROOT, "[%4d/%d %5.0fs] fork %d/%d %-14s %-13s %-7s %d: %9.2f ms  %-18s threads %d (dispatcher %d)%n",
                                rows.size(), runs, (System.nanoTime() - started) / 1e9, f, forks, row.workload(),
                                row.system(), row.phase(), row.round(), ms, Report.rate(row.count() / (ms / 1e3), w.unit()) + "/s",
                                row.threads(), row.workers());
                    })) {
                        return 1;
                    }
                }
            }
            if (rows.size() != total) {
                System.err.printf(Locale.ROOT, "Expected %d runs but got %d; no results are written.%n", total, rows.size());
                return 1;
            }
        }

        List<Extras.Mem> mems = new ArrayList<>();
        if (!skipMemory) {
            int n = memoryActors != null ? memoryActors : quick ? 100_000 : 1_000_000;
            for (String system : List.of("troupe", "pekko", "pekko-classic")) {
                List<String> cmd = new ArrayList<>(jvm);
                cmd.addAll(cp);
                cmd.addAll(List.of(MemoryMain.class.getName(), system, Integer.toString(n)));
                System.out.printf(Locale.ROOT, "[%5.0fs] memory: %,d idle %s actors in a fresh JVM%n",
                        (System.nanoTime() - started) / 1e9, n, system);
                if (!Forks.run(java, cmd, "memory " + system, MemoryMain.TAG, line -> mems.add(Extras.Mem.parse(line)))) {
                    return 1;
                }
            }
        }

        List<String> maxLines = new ArrayList<>();
        if (!skipMaxActors) {
            long target = maxActorsTarget != null ? maxActorsTarget : quick ? 200_000 : 10_000_000;
            String maxHeap = maxActorsHeap != null ? maxActorsHeap : quick ? "512m" : "4g";
            List<String> maxJvm = new ArrayList<>(jvm);
            maxJvm.replaceAll(o -> o.startsWith("-Xms") ? "-Xms" + maxHeap : o.startsWith("-Xmx") ? "-Xmx" + maxHeap : o);
            for (String system : List.of("troupe", "pekko")) {
                List<String> cmd = new ArrayList<>(maxJvm);
                cmd.addAll(cp);
                cmd.addAll(List.of(MaxActorsMain.class.getName(), system, Long.toString(target), "100000"));
                System.out.printf(Locale.ROOT, "[%5.0fs] max actors: %s in -Xmx%s, up to %,d%n",
                        (System.nanoTime() - started) / 1e9, system, maxHeap, target);
                if (!Forks.run(java, cmd, "max actors " + system, MaxActorsMain.TAG, line -> {
                    String[] f = line.split("\t");
                    maxLines.add(String.format(Locale.ROOT, "  %-8s %s%,d idle actors in -Xmx%s (%s B/actor after GC)%s",
                            f[1], Boolean.parseBoolean(f[5]) ? ">= " : "", Long.parseLong(f[2]), maxHeap, f[4],
                            Boolean.parseBoolean(f[5]) ? ", target reached" : ", heap " + (int) (MaxActorsMain.FULL_FRACTION * 100) + "% full"));
                })) {
                    return 1;
                }
            }
        }

        List<Extras.Lat> lats = new ArrayList<>();
        if (!skipLatency) {
            int n = latencyRequests != null ? latencyRequests : quick ? 10_000 : 100_000;
            List<String> latSystems = systems;
            for (int fork = 1; fork <= forks; fork++) {
                List<String> cmd = new ArrayList<>(jvm);
                cmd.addAll(cp);
                cmd.addAll(List.of(LatencyMain.class.getName(), Integer.toString(fork), Integer.toString(warmups),
                        Integer.toString(rounds), Integer.toString(n), String.join(",", latSystems)));
                if (!Forks.run(java, cmd, "latency fork " + fork, LatencyMain.TAG, line -> {
                    Extras.Lat l = Extras.Lat.parse(line);
                    lats.add(l);
                    System.out.printf(Locale.ROOT, "[%5.0fs] latency fork %d/%d %-16s %-13s %-7s %d: P50 %.2f µs  P99 %.2f µs  P99.9 %.2f µs%n",
                            (System.nanoTime() - started) / 1e9, l.fork(), forks, l.variant(), l.system(), l.phase(),
                            l.round(), l.p50() / 1e3, l.p99() / 1e3, l.p999() / 1e3);
                })) {
                    return 1;
                }
            }
        }

        System.out.println();
        if (!skipThroughput) {
            Report report = new Report(rows, reported);
            report.printTable(System.out);
            report.writeFiles(out);
            System.out.println();
        }
        if (!mems.isEmpty()) {
            Extras.printMemory(mems, System.out);
            System.out.println();
        }
        if (!maxLines.isEmpty()) {
            System.out.println("Max actors (fresh JVM each; stops before the heap is full, so a lower bound):");
            maxLines.forEach(System.out::println);
            System.out.println();
            Files.createDirectories(out);
            Files.write(out.resolve("max-actors.txt"), maxLines);
        }
        if (!lats.isEmpty()) {
            Extras.printLatency(lats, systems, System.out);
            System.out.println();
        }
        Extras.write(out, mems, lats);
        System.out.printf(Locale.ROOT, "Wrote the results to %s in %.0f s%n", out.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** The forks' class path with the baseline build of troupe-actor in place of the current one. */
    private String baselineClassPath(String currentClassPath) {
        List<String> entries = new ArrayList<>();
        entries.add(baselineClasses.toAbsolutePath().toString());
        for (String entry : currentClassPath.split(java.io.File.pathSeparator)) {
            if (!isTroupeActor(entry)) {
                entries.add(entry);
            }
        }
        if (entries.size() == currentClassPath.split(java.io.File.pathSeparator).length + 1) {
            throw new IllegalStateException("troupe-actor is not on the class path " + currentClassPath
                    + ", so there is nothing to replace with --baseline-classes");
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A troupe-actor jar, or a class directory holding troupe-actor's classes. */
    private static boolean isTroupeActor(String classPathEntry) {
        Path p = Path.of(classPathEntry);
        return java.nio.file.Files.isDirectory(p) ? java.nio.file.Files.exists(p.resolve("dev/troupe/actor/ActorRef.class"))
                : p.getFileName() != null && p.getFileName().toString().startsWith("troupe-actor-");
    }
}
