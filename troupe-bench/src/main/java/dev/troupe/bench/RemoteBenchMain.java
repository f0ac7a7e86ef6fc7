package dev.troupe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Remoting side by side: Troupe's {@code troupe-remote} and Pekko's Artery TCP, each as two systems on 127.0.0.1
 * in one JVM, plain and with TLS 1.3; one-way throughput (pings with a bounded window of unacknowledged ones) and
 * request-reply latency (sequential round trips, HdrHistogram). Each fork ({@link RemoteForkMain}) is a fresh JVM
 * configured alike ({@link Forks}) that runs both systems in ABBA order after warm-ups; the report gives per
 * (TLS, system) the median over all measured rounds, the per-fork medians, and the ratio Troupe/Pekko of
 * throughput (higher is better for Troupe) and of latency (lower is better) with its range over the forks. A
 * run that does not validate (a ping lost, duplicated or out of order, a round trip lost) fails the run with
 * exit code 1 and no figures. Run from one thread (its {@code main}).
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Remote throughput and latency, Troupe against Pekko Artery, plain and TLS, in fresh JVM forks.")
public final class RemoteBenchMain implements Callable<Integer> {

    @Option(names = "--forks", defaultValue = "3", description = "Fresh JVMs (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmups", defaultValue = "2", description = "Warm-up rounds per fork (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds per fork (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xms = -Xmx of each fork (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--messages", defaultValue = "300000",
            description = "Pings per throughput run (default ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--window", defaultValue = "2000",
            description = "Pings unacknowledged at most (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--round-trips", defaultValue = "20000",
            description = "Round trips per latency run (default ${DEFAULT-VALUE}).")
    int roundTrips;

    @Option(names = "--tls", split = ",", defaultValue = "off,on",
            description = "TLS modes to measure, off and/or on (default ${DEFAULT-VALUE}).")
    List<String> tls;

    @Option(names = "--out", description = "Directory for remote.csv, every measured round (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-results");

    @Option(names = "--quick", description = "Tiny sizes, 1 fork, 1 warm-up and 1 measured round: checks that "
            + "everything works (CI).")
    boolean quick;

    private static final List<String> SYSTEMS = List.of("troupe", "pekko");

    public static void main(String[] args) {
        System.exit(new CommandLine(new RemoteBenchMain()).execute(args));
    }

    /** One measured round of one system. */
    record Round(int fork, String tls, String system, double perSecond, long p50, long p99, long p999) {
        static Round parse(String line) {
            String[] f = line.split("\t");
            return new Round(Integer.parseInt(f[1]), f[2], f[3], Double.parseDouble(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), Long.parseLong(f[7]));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            forks = 1;
            warmups = 1;
            rounds = 1;
            heap = "512m";
            messages = 5_000;
            roundTrips = 500;
        }
        if (forks < 1 || rounds < 1 || warmups < 0 || messages < 1 || window < 4 || roundTrips < 1
                || tls.isEmpty() || !List.of("off", "on").containsAll(tls)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--forks, --rounds, --messages and "
                    + "--round-trips must be positive, --window at least 4, and --tls off and/or on");
        }
        System.out.printf(Locale.ROOT, "Remote: %d fork(s) x (%d warm-up + %d measured rounds), %,d pings (window %,d)"
                        + " and %,d round trips per run; %d CPUs; TLS 1.3 with one key store on both ends%n", forks,
                warmups, rounds, messages, window, roundTrips, Runtime.getRuntime().availableProcessors());
        List<Round> measured = new ArrayList<>();
        for (int fork = 1; fork <= forks; fork++) {
            List<String> command = new ArrayList<>(Forks.jvmOptions(heap));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RemoteForkMain.class.getName(),
                    Integer.toString(fork), String.join(",", tls), String.join(",", SYSTEMS),
                    Integer.toString(warmups), Integer.toString(rounds), Long.toString(messages),
                    Integer.toString(window), Integer.toString(roundTrips)));
            if (!Forks.run(Forks.java(), command, "fork " + fork, RemoteForkMain.TAG,
                    line -> measured.add(Round.parse(line)))) {
                return 1;
            }
        }
        System.out.println();
        System.out.println(report(measured, forks));
        Files.createDirectories(out);
        Path csvFile = out.resolve("remote.csv");
        List<String> csv = new ArrayList<>(List.of("fork,tls,system,msg_per_s,p50_ns,p99_ns,p999_ns"));
        measured.forEach(r -> csv.add(r.fork() + "," + r.tls() + "," + r.system() + "," + r.perSecond() + ","
                + r.p50() + "," + r.p99() + "," + r.p999()));
        Files.write(csvFile, csv);
        System.out.println("Wrote the rounds to " + csvFile);
        return 0;
    }

    /** The table: per TLS mode and system, medians and per-fork medians; then the ratios with their range. */
    static String report(List<Round> rounds, int forks) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-5s %-7s %14s %10s %10s %10s   %s%n",
                "tls", "system", "msg/s", "P50 µs", "P99 µs", "P99.9 µs", "per-fork median msg/s"));
        Map<String, List<Round>> groups = new LinkedHashMap<>();
        rounds.forEach(r -> groups.computeIfAbsent(r.tls() + " " + r.system(), k -> new ArrayList<>()).add(r));
        groups.forEach((key, group) -> {
            List<String> perFork = new ArrayList<>();
            for (int fork = 1; fork <= forks; fork++) {
                int f = fork;
                perFork.add(String.format(Locale.ROOT, "%,.0f", Report.median(group.stream()
                        .filter(r -> r.fork() == f).mapToDouble(Round::perSecond).toArray())));
            }
            String[] parts = key.split(" ");
            text.append(String.format(Locale.ROOT, "%-5s %-7s %,14.0f %10.1f %10.1f %10.1f   %s%n", parts[0], parts[1],
                    Report.median(group.stream().mapToDouble(Round::perSecond).toArray()),
                    Report.median(group.stream().mapToDouble(Round::p50).toArray()) / 1e3,
                    Report.median(group.stream().mapToDouble(Round::p99).toArray()) / 1e3,
                    Report.median(group.stream().mapToDouble(Round::p999).toArray()) / 1e3, perFork));
        });
        for (String mode : rounds.stream().map(Round::tls).distinct().toList()) {
            text.append(ratioLine(rounds, forks, mode, "throughput troupe/pekko", Round::perSecond, ">1: Troupe faster"));
            text.append(ratioLine(rounds, forks, mode, "P50 troupe/pekko", r -> r.p50(), "<1: Troupe lower"));
            text.append(ratioLine(rounds, forks, mode, "P99 troupe/pekko", r -> r.p99(), "<1: Troupe lower"));
        }
        return text.toString();
    }

    private static String ratioLine(List<Round> rounds, int forks, String mode, String label,
                                    java.util.function.ToDoubleFunction<Round> value, String meaning) {
        double overall = median(rounds, mode, "troupe", value, 0) / median(rounds, mode, "pekko", value, 0);
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int fork = 1; fork <= forks; fork++) {
            double ratio = median(rounds, mode, "troupe", value, fork) / median(rounds, mode, "pekko", value, fork);
            low = Math.min(low, ratio);
            high = Math.max(high, ratio);
        }
        return String.format(Locale.ROOT, "tls %-3s %-24s %5.2f [%.2f–%.2f over forks]  (%s)%n", mode, label, overall,
                low, high, meaning);
    }

    /** The median of {@code value} over the rounds of one mode and system, of one fork (or all, with fork 0). */
    private static double median(List<Round> rounds, String mode, String system,
                                 java.util.function.ToDoubleFunction<Round> value, int fork) {
        return Report.median(rounds.stream().filter(r -> r.tls().equals(mode) && r.system().equals(system)
                && (fork == 0 || r.fork() == fork)).mapToDouble(value).toArray());
    }
}
