package dev.troupe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Aggregation and output of the memory-per-actor and latency benchmarks. */
final class Extras {
    private Extras() {}

    record Mem(String system, int actors, long bytesPerActor) {
        static Mem parse(String line) {
            String[] f = line.split("\t");
            return new Mem(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]));
        }
    }

    record Lat(int fork, String variant, String system, String phase, int round, long p50, long p99, long p999,
               long max, long count) {
        static Lat parse(String line) {
            String[] f = line.split("\t");
            return new Lat(Integer.parseInt(f[1]), f[2], f[3], f[4], Integer.parseInt(f[5]), Long.parseLong(f[6]),
                    Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]));
        }
    }

    static void printMemory(List<Mem> mems, PrintStream out) {
        out.println("Memory per idle actor (fresh JVM per system; (heap used after GC - baseline) / actors):");
        Long troupe = mems.stream().filter(m -> m.system().equals("troupe")).map(Mem::bytesPerActor).findFirst().orElse(null);
        for (Mem m : mems) {
            out.printf(Locale.ROOT, "  %-14s %,10d actors  %5d B/actor%s%n", m.system(), m.actors(), m.bytesPerActor(),
                    troupe == null || m.system().equals("troupe") ? ""
                            : String.format(Locale.ROOT, "   troupe/%s = %.2f", m.system(), troupe / (double) m.bytesPerActor()));
        }
    }

    /** Median over measured rounds of each percentile, per variant and system; ratios troupe/other of P50 and P99. */
    static void printLatency(List<Lat> lats, List<String> systems, PrintStream out) {
        out.println("Request-reply latency, µs (median over measured rounds of each round's percentile):");
        out.printf(Locale.ROOT, "  %-16s %-14s %8s %8s %9s %9s   %s%n", "variant", "system", "P50", "P99", "P99.9",
                "max", "per-fork median P50 / P99");
        for (String variant : LatencyMain.VARIANTS) {
            Map<String, double[]> med = new LinkedHashMap<>();
            Map<String, List<double[]>> perFork = new LinkedHashMap<>();
            for (String s : systems) {
                List<Lat> mine = lats.stream().filter(l -> l.phase().equals("measure") && l.variant().equals(variant)
                        && l.system().equals(s)).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                double[] m = {
                        Report.median(mine.stream().mapToDouble(Lat::p50).toArray()) / 1e3,
                        Report.median(mine.stream().mapToDouble(Lat::p99).toArray()) / 1e3,
                        Report.median(mine.stream().mapToDouble(Lat::p999).toArray()) / 1e3,
                        mine.stream().mapToLong(Lat::max).max().orElse(0) / 1e3};
                med.put(s, m);
                List<double[]> forks = new ArrayList<>();
                for (int f : new TreeSet<>(mine.stream().map(Lat::fork).toList())) {
                    forks.add(new double[] {
                            Report.median(mine.stream().filter(l -> l.fork() == f).mapToDouble(Lat::p50).toArray()) / 1e3,
                            Report.median(mine.stream().filter(l -> l.fork() == f).mapToDouble(Lat::p99).toArray()) / 1e3});
                }
                perFork.put(s, forks);
                StringBuilder pf = new StringBuilder();
                for (double[] d : forks) {
                    pf.append(String.format(Locale.ROOT, " %.2f/%.2f", d[0], d[1]));
                }
                out.printf(Locale.ROOT, "  %-16s %-14s %8.2f %8.2f %9.2f %9.1f  %s%n", variant, s, m[0], m[1], m[2], m[3], pf);
            }
            double[] t = med.get("troupe");
            if (t != null) {
                for (String s : med.keySet()) {
                    if (!s.equals("troupe")) {
                        double[] o = med.get(s);
                        List<double[]> tf = perFork.get("troupe");
                        List<double[]> of = perFork.get(s);
                        double min50 = Double.MAX_VALUE, max50 = 0, min99 = Double.MAX_VALUE, max99 = 0;
                        for (int i = 0; i < Math.min(tf.size(), of.size()); i++) {
                            double r50 = tf.get(i)[0] / of.get(i)[0];
                            double r99 = tf.get(i)[1] / of.get(i)[1];
                            min50 = Math.min(min50, r50);
                            max50 = Math.max(max50, r50);
                            min99 = Math.min(min99, r99);
                            max99 = Math.max(max99, r99);
                        }
                        out.printf(Locale.ROOT, "  %-16s troupe/%-7s P50 %.2f [%.2f–%.2f]  P99 %.2f [%.2f–%.2f]  (<1: Troupe lower)%n",
                                variant, s, t[0] / o[0], min50, max50, t[1] / o[1], min99, max99);
                    }
                }
            }
        }
    }

    static void write(Path dir, List<Mem> mems, List<Lat> lats) throws IOException {
        Files.createDirectories(dir);
        if (!mems.isEmpty()) {
            StringBuilder b = new StringBuilder("system,actors,bytes_per_actor\n");
            mems.forEach(m -> b.append(m.system()).append(',').append(m.actors()).append(',').append(m.bytesPerActor()).append('\n'));
            Files.writeString(dir.resolve("memory.csv"), b);
        }
        if (!lats.isEmpty()) {
            StringBuilder b = new StringBuilder("fork,variant,system,phase,round,p50_ns,p99_ns,p999_ns,max_ns,count\n");
            lats.forEach(l -> b.append(l.fork()).append(',').append(l.variant()).append(',').append(l.system()).append(',')
                    .append(l.phase()).append(',').append(l.round()).append(',').append(l.p50()).append(',')
                    .append(l.p99()).append(',').append(l.p999()).append(',').append(l.max()).append(',')
                    .append(l.count()).append('\n'));
            Files.writeString(dir.resolve("latency.csv"), b);
        }
    }
}
