package dev.troupe.bench;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart of the ratios other/troupe, with the per-fork range as a whisker. Plain SVG text. */
final class Svg {
    private Svg() {}

    private static final String[] COLOURS = {"#3b6ea8", "#c98a2b", "#6a9f58"};

    static String ratios(Report report, List<String> others) {
        List<Report.Summary> rows = report.summaries();
        int left = 130;
        int width = 560;
        int barH = 12;
        int groupH = barH * Math.max(1, others.size()) + 10;
        int top = 50;
        int height = top + rows.size() * groupH + 60;
        double max = 2.0;
        for (Report.Summary s : rows) {
            for (String o : others) {
                Report.Ratio r = s.ratios().get(o);
                if (r != null && Double.isFinite(r.max())) {
                    max = Math.max(max, r.max());
                }
            }
        }
        double lo = 0.5;
        double hi = Math.pow(2, Math.ceil(Math.log(max * 1.05) / Math.log(2)));
        java.util.function.DoubleToIntFunction px = v -> left + (int) Math.round(
                (Math.log(Math.max(lo, Math.min(hi, v)) / lo) / Math.log(hi / lo)) * width);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                left + width + 40, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Time ratio vs Troupe, log scale (&gt;1: Troupe faster); whiskers: range over forks</text>%n", 10));
        List<Double> ticks = new java.util.ArrayList<>(List.of(0.5, 1.0, 1.5));
        for (double t = 2; t <= hi; t *= 2) {
            ticks.add(t);
        }
        for (double x : ticks) {
            int p = px.applyAsInt(x);
            boolean major = x == 1.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                    p, top - 5, p, height - 50, major ? "#000" : "#ccc", major ? "1.5" : "1",
                    x == 1.5 ? " stroke-dasharray=\"4 3\"" : ""));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", p, height - 36,
                    x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.1f", x)));
        }
        int y = top;
        for (Report.Summary s : rows) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 6, y + groupH / 2, s.workload()));
            for (int i = 0; i < others.size(); i++) {
                Report.Ratio r = s.ratios().get(others.get(i));
                int by = y + i * barH;
                if (r == null) {
                    continue;
                }
                int one = px.applyAsInt(1.0);
                int v = px.applyAsInt(r.overall());
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                        Math.min(one, v), by, Math.max(1, Math.abs(v - one)), barH - 2, COLOURS[i % COLOURS.length]));
                int x1 = px.applyAsInt(r.min());
                int x2 = px.applyAsInt(r.max());
                int cy = by + (barH - 2) / 2;
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>%n", x1, cy, x2, cy));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%.2f</text>%n",
                        Math.max(x2, v) + 4, by + barH - 3, r.overall()));
            }
            y += groupH;
        }
        int ly = height - 18;
        for (int i = 0; i < others.size(); i++) {
            int lx = left + i * 200;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", lx, ly - 9, COLOURS[i % COLOURS.length]));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s / troupe</text>%n", lx + 14, ly, others.get(i)));
        }
        b.append("</svg>\n");
        return b.toString();
    }
}
