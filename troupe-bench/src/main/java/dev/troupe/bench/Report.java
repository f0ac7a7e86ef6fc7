package dev.troupe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates the runs of all forks: medians, per-fork medians, ratios; writes the table, CSV, JSON and SVG. */
public final class Report {

    /** One validated run, as a fork printed it. */
    public record Row(int fork, String workload, String system, String phase, int round, long size, long nanos,
                      long count, long checksum, int threads, int workers) {

        /** A line of runs.csv. */
        static Row fromCsv(String line) {
            return parse("csv\t" + line.replace(',', '\t'));
        }

        /** This run, reported under another system name. */
        Row withSystem(String name) {
            return new Row(fork, workload, name, phase, round, size, nanos, count, checksum, threads, workers);
        }

        static Row parse(String line) {
            String[] f = line.split("\t");
            return new Row(Integer.parseInt(f[1]), f[2], f[3], f[4], Integer.parseInt(f[5]), Long.parseLong(f[6]),
                    Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Integer.parseInt(f[10]),
                    Integer.parseInt(f[11]));
        }
    }

    /**
     * The ratio other/troupe of median times (>1: Troupe faster): {@code overall} is the median of the per-fork
     * ratios (each fork's median time of the other system over Troupe's), so it always lies in [min, max].
     */
    public record Ratio(double overall, double min, double max, double[] perFork) {}

    /** Summary of one workload. */
    public record Summary(String workload, String unit, long size, long count, Map<String, Double> medianMs,
                          Map<String, double[]> forkMedianMs, Map<String, Ratio> ratios,
                          Map<String, Integer> maxWorkers, Map<String, Integer> maxThreads) {}

    private final List<Row> rows;
    private final List<String> systems;
    private final List<Summary> summaries = new ArrayList<>();

    public Report(List<Row> rows, List<String> systems) {
        this.rows = rows;
        this.systems = systems;
        Map<String, List<Row>> byWorkload = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.phase().equals("measure")) {
                byWorkload.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
            }
        }
        for (var e : byWorkload.entrySet()) {
            summaries.add(summarize(e.getKey(), e.getValue()));
        }
    }

    public List<Summary> summaries() {
        return summaries;
    }

    private Summary summarize(String workload, List<Row> measured) {
        Workload w = Workloads.byName(workload);
        Map<String, Double> median = new LinkedHashMap<>();
        Map<String, double[]> forkMedians = new LinkedHashMap<>();
        Map<String, Integer> maxWorkers = new LinkedHashMap<>();
        Map<String, Integer> maxThreads = new LinkedHashMap<>();
        TreeMap<Integer, Boolean> forks = new TreeMap<>();
        measured.forEach(r -> forks.put(r.fork(), true));
        for (String s : systems) {
            List<Row> mine = measured.stream().filter(r -> r.system().equals(s)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            median.put(s, median(mine.stream().mapToDouble(r -> r.nanos() / 1e6).toArray()));
            double[] perFork = forks.keySet().stream().mapToDouble(f -> median(mine.stream()
                    .filter(r -> r.fork() == f).mapToDouble(r -> r.nanos() / 1e6).toArray())).toArray();
            forkMedians.put(s, perFork);
            maxWorkers.put(s, mine.stream().mapToInt(Row::workers).max().orElse(0));
            maxThreads.put(s, mine.stream().mapToInt(Row::threads).max().orElse(0));
        }
        Map<String, Ratio> ratios = new LinkedHashMap<>();
        if (median.containsKey("troupe")) {
            for (String s : median.keySet()) {
                if (s.equals("troupe")) {
                    continue;
                }
                double[] t = forkMedians.get("troupe");
                double[] o = forkMedians.get(s);
                double[] perFork = new double[Math.min(t.length, o.length)];
                for (int i = 0; i < perFork.length; i++) {
                    perFork[i] = o[i] / t[i];
                }
                ratios.put(s, new Ratio(median(perFork),
                        Arrays.stream(perFork).min().orElse(Double.NaN),
                        Arrays.stream(perFork).max().orElse(Double.NaN), perFork));
            }
        }
        Row any = measured.getFirst();
        return new Summary(workload, w.unit(), any.size(), any.count(), median, forkMedians, ratios, maxWorkers,
                maxThreads);
    }

    /** {@link #median(double[])} of a list of numbers. */
    static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Geometric mean of the overall ratios of {@code system} over all workloads. */
    public double geomean(String system) {
        return geomean(system, false);
    }

    /** Geometric mean over the Savina workloads only (all but spawn), which is what the target uses. */
    public double geomean(String system, boolean savinaOnly) {
        double logSum = 0;
        int n = 0;
        for (Summary s : summaries) {
            if (savinaOnly && s.workload().equals("spawn")) {
                continue;
            }
            Ratio r = s.ratios().get(system);
            if (r != null && r.overall() > 0) {
                logSum += Math.log(r.overall());
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    private List<String> others() {
        return systems.stream().filter(s -> !s.equals("troupe")).toList();
    }

    public void printTable(PrintStream out) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-14s %10s", "workload", "size"));
        for (String s : systems) {
            h.append(String.format(Locale.ROOT, " %14s", s + " ms"));
        }
        for (String s : systems) {
            h.append(String.format(Locale.ROOT, " %16s", s + " /s"));
        }
        for (String s : others()) {
            h.append(String.format(Locale.ROOT, "  %-24s", s + "/troupe [forks]"));
        }
        out.println(h);
        for (Summary s : summaries) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %10d", s.workload(), s.size()));
            for (String sys : systems) {
                Double m = s.medianMs().get(sys);
                b.append(String.format(Locale.ROOT, " %14s", m == null ? "-" : String.format(Locale.ROOT, "%.2f", m)));
            }
            for (String sys : systems) {
                Double m = s.medianMs().get(sys);
                b.append(String.format(Locale.ROOT, " %16s", m == null ? "-" : rate(s.count() / (m / 1e3), s.unit())));
            }
            for (String sys : others()) {
                Ratio r = s.ratios().get(sys);
                b.append(String.format(Locale.ROOT, "  %-24s", r == null ? "-"
                        : String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", r.overall(), r.min(), r.max())));
            }
            out.println(b);
        }
        StringBuilder g = new StringBuilder(String.format(Locale.ROOT, "%-14s", "geomean"));
        for (String sys : others()) {
            g.append(String.format(Locale.ROOT, "  %s/troupe %.2f", sys, geomean(sys)));
        }
        out.println(g);
        if (systems.contains("pekko")) {
            long met = summaries.stream().filter(s -> s.ratios().containsKey("pekko") && s.ratios().get("pekko").min() >= 1.5).count();
            out.printf(Locale.ROOT, "Target of issue 6 (pekko/troupe >= 1.5 in every fork): met by %d of %d workloads: %s%n", met,
                    summaries.size(), summaries.stream().map(s -> s.workload() + (s.ratios().containsKey("pekko")
                            && s.ratios().get("pekko").min() >= 1.5 ? " yes" : " no")).toList());
            double savina = geomean("pekko", true);
            out.printf(Locale.ROOT, "Target geomean >= 2 over the Savina workloads (spawn excluded): %s (%.2f)%n",
                    savina >= 2 ? "met" : "missed", savina);
        }
        out.println();
        out.println("Per-fork medians (ms):");
        for (Summary s : summaries) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s", s.workload()));
            for (var e : s.forkMedianMs().entrySet()) {
                b.append(String.format(Locale.ROOT, "  %s %s", e.getKey(), fmt(e.getValue())));
            }
            out.println(b);
        }
        out.println();
        out.println("Threads started by each system during a run (max over runs): all / dispatcher workers");
        for (Summary s : summaries) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s", s.workload()));
            for (String sys : s.maxThreads().keySet()) {
                b.append(String.format(Locale.ROOT, "  %s %d/%d", sys, s.maxThreads().get(sys), s.maxWorkers().get(sys)));
            }
            out.println(b);
        }
    }

    static String rate(double perSecond, String unit) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM %s", perSecond / 1e6, unit);
        }
        return String.format(Locale.ROOT, "%.1fk %s", perSecond / 1e3, unit);
    }

    private static String fmt(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return b.append(']').toString();
    }

    public void writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeRawCsv(dir.resolve("runs.csv"));
        writeSummaryCsv(dir.resolve("results.csv"));
        Files.writeString(dir.resolve("results.json"), json());
        Files.writeString(dir.resolve("ratios.svg"), Svg.ratios(this, others()));
    }

    private void writeRawCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("fork,workload,system,phase,round,size,nanos,count,checksum,threads,workers\n");
        for (Row r : rows) {
            b.append(r.fork()).append(',').append(r.workload()).append(',').append(r.system()).append(',')
                    .append(r.phase()).append(',').append(r.round()).append(',').append(r.size()).append(',')
                    .append(r.nanos()).append(',').append(r.count()).append(',').append(r.checksum()).append(',')
                    .append(r.threads()).append(',').append(r.workers()).append('\n');
        }
        Files.writeString(file, b);
    }

    private void writeSummaryCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("workload,unit,size,count");
        for (String s : systems) {
            b.append(',').append(s).append("_median_ms");
        }
        for (String s : others()) {
            b.append(',').append(s).append("_ratio,").append(s).append("_ratio_min,").append(s).append("_ratio_max");
        }
        b.append('\n');
        for (Summary s : summaries) {
            b.append(s.workload()).append(',').append(s.unit()).append(',').append(s.size()).append(',').append(s.count());
            for (String sys : systems) {
                Double m = s.medianMs().get(sys);
                b.append(',').append(m == null ? "" : String.format(Locale.ROOT, "%.4f", m));
            }
            for (String sys : others()) {
                Ratio r = s.ratios().get(sys);
                b.append(r == null ? ",,," : String.format(Locale.ROOT, ",%.4f,%.4f,%.4f", r.overall(), r.min(), r.max()));
            }
            b.append('\n');
        }
        Files.writeString(file, b);
    }

    private String json() {
        StringBuilder b = new StringBuilder("{\n  \"systems\": [");
        for (int i = 0; i < systems.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(systems.get(i)).append('"');
        }
        b.append("],\n  \"geomean\": {");
        List<String> others = others();
        for (int i = 0; i < others.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(others.get(i)).append("\": ").append(num(geomean(others.get(i))));
        }
        b.append("},\n  \"workloads\": [\n");
        for (int i = 0; i < summaries.size(); i++) {
            Summary s = summaries.get(i);
            b.append("    {\"name\": \"").append(s.workload()).append("\", \"unit\": \"").append(s.unit())
                    .append("\", \"size\": ").append(s.size()).append(", \"count\": ").append(s.count())
                    .append(", \"medianMs\": {");
            int j = 0;
            for (var e : s.medianMs().entrySet()) {
                b.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(num(e.getValue()));
            }
            b.append("}, \"forkMedianMs\": {");
            j = 0;
            for (var e : s.forkMedianMs().entrySet()) {
                b.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(arr(e.getValue()));
            }
            b.append("}, \"ratios\": {");
            j = 0;
            for (var e : s.ratios().entrySet()) {
                Ratio r = e.getValue();
                b.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": {\"overall\": ")
                        .append(num(r.overall())).append(", \"min\": ").append(num(r.min())).append(", \"max\": ")
                        .append(num(r.max())).append(", \"perFork\": ").append(arr(r.perFork())).append('}');
            }
            b.append("}, \"dispatcherThreads\": {");
            j = 0;
            for (var e : s.maxWorkers().entrySet()) {
                b.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(e.getValue());
            }
            b.append("}}").append(i + 1 < summaries.size() ? ",\n" : "\n");
        }
        b.append("  ],\n  \"runs\": ").append(rows.size()).append("\n}\n");
        return b.toString();
    }

    private static String num(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
    }

    private static String arr(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(num(v[i]));
        }
        return b.append(']').toString();
    }
}
