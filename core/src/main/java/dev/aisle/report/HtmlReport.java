package dev.aisle.report;

import dev.aisle.eval.Comparison;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code aisle evaluate} results: the protocol, a table of every metric per model, HR@K
 * and MRR@K by the next product's kind, HR@K / MRR@K charts over the cut-offs, model size (log
 * scale) against quality and, when recorded, learning curves: HR@K and MRR@K after every epoch (dashed: on the validation split of early
 * stopping). Self-contained: inline SVG, no scripts.
 */
public final class HtmlReport {
  private static final String[] COLOURS = {"#1b6ca8", "#d1495b", "#2a9d8f", "#e9c46a", "#6d597a",
      "#f4a261", "#264653", "#8ab17d"};
  private static final int WIDTH = 420;
  private static final int HEIGHT = 260;
  private static final int PAD = 40;

  private HtmlReport() {}

  /** The whole report as HTML. */
  public static String render(Map<String, Object> protocol, List<Comparison.Row> rows,
      int[] ks) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Aisle evaluation</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
        .append("table{border-collapse:collapse;font-size:.85rem}")
        .append("td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:1rem}")
        .append("</style></head><body><h1>Aisle evaluation</h1><h2>Protocol</h2><ul>");
    protocol.forEach((k, v) -> h.append("<li><b>").append(esc(k)).append("</b>: ")
        .append(esc(v instanceof int[] ? java.util.Arrays.toString((int[]) v) : String.valueOf(v)))
        .append("</li>"));
    h.append("</ul><h2>Results</h2><table><tr><th>model</th>");
    List<String> metricNames = rows.isEmpty() ? List.of()
        : List.copyOf(rows.get(0).metrics().keySet());
    for (String m : metricNames) {
      h.append("<th>").append(esc(m)).append("</th>");
    }
    h.append("<th>train s</th><th>model bytes</th><th>p50 ms</th><th>p99 ms</th></tr>");
    for (Comparison.Row r : rows) {
      h.append("<tr><td>").append(esc(r.model())).append("</td>");
      for (String m : metricNames) {
        h.append(String.format(Locale.ROOT, "<td>%.4f</td>", r.metrics().get(m)));
      }
      h.append(String.format(Locale.ROOT, "<td>%.2f</td><td>%,d</td><td>%.3f</td><td>%.3f</td></tr>",
          r.trainSeconds(), r.modelBytes(), r.p50Millis(), r.p99Millis()));
    }
    h.append("</table>");
    h.append(kindTable(rows, ks[ks.length - 1]));
    h.append("<h2>Charts</h2><div class=\"charts\">");
    h.append(chart("HR@K", "HR", rows, ks)).append(chart("MRR@K", "MRR", rows, ks));
    int k = ks[ks.length - 1];
    h.append(sizeChart(rows, k));
    h.append("</div>");
    if (rows.stream().anyMatch(r -> (r.curve() != null && !r.curve().isEmpty())
        || r.earlyStop() != null)) {
      h.append("<h2>Learning curves</h2><p>After every epoch of the iterative models; solid: test "
          + "sessions, dashed: the validation split of early stopping.</p><div class=\"charts\">");
      h.append(curveChart("HR@" + k + " by epoch", true, rows))
          .append(curveChart("MRR@" + k + " by epoch", false, rows));
      h.append("</div>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  /**
   * HR@k / MRR@k of every row by the next product's kind ({@link dev.aisle.eval.NextKinds}), each
   * kind's share in its header; empty when no row has kinds.
   */
  private static String kindTable(List<Comparison.Row> rows, int k) {
    List<Comparison.Row> kinded = rows.stream().filter(r -> r.byKind() != null).toList();
    if (kinded.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "<h2>By the next product's "
        + "kind</h2><p>HR@%d / MRR@%d for next products that repeat the last one, were browsed "
        + "earlier in the session, or are new to it; each kind's share of the predictions in "
        + "brackets.</p><table><tr><th>model</th>", k, k));
    kinded.get(0).byKind().forEach((kind, m) -> h.append(String.format(Locale.ROOT,
        "<th>%s (%.1f%%)</th>", esc(kind), 100 * m.get("share"))));
    h.append("</tr>");
    for (Comparison.Row r : kinded) {
      h.append("<tr><td>").append(esc(r.model())).append("</td>");
      r.byKind().values().forEach(m -> h.append(m.get("share") == 0 ? "<td>&ndash;</td>"
          : String.format(Locale.ROOT, "<td>%.4f / %.4f</td>", m.get("HR@" + k),
              m.get("MRR@" + k))));
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  /** A line chart of {@code metric@k} over the cut-offs, one line per model. */
  static String chart(String title, String metric, List<Comparison.Row> rows, int[] ks) {
    double max = 0;
    for (Comparison.Row r : rows) {
      for (int k : ks) {
        max = Math.max(max, r.metrics().getOrDefault(metric + "@" + k, 0.0));
      }
    }
    max = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<figure><svg width=\"%d\" height=\"%d\" role=\"img\" "
        + "aria-label=\"%s\" viewBox=\"0 0 %d %d\">", WIDTH, HEIGHT, esc(title), WIDTH, HEIGHT));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>",
        PAD, esc(title)));
    int plotW = WIDTH - PAD * 2 - 80;
    int plotH = HEIGHT - PAD * 2;
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#888\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
        PAD, PAD, PAD, PAD + plotH, PAD, PAD + plotH, PAD + plotW, PAD + plotH));
    for (int t = 0; t <= 4; t++) {
      double v = max * t / 4;
      double y = PAD + plotH - plotH * t / 4.0;
      s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"10\">%.2f</text>",
          y + 3, v));
    }
    for (int i = 0; i < ks.length; i++) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%d</text>",
          x(i, ks.length, plotW) - 3, PAD + plotH + 14, ks[i]));
    }
    for (int m = 0; m < rows.size(); m++) {
      Comparison.Row r = rows.get(m);
      String colour = COLOURS[m % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < ks.length; i++) {
        double v = r.metrics().getOrDefault(metric + "@" + ks[i], 0.0);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, ks.length, plotW),
            PAD + plotH - plotH * v / max));
        // a marker too, so that a single cut-off still shows
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "fill=\"%s\"/>", x(i, ks.length, plotW), PAD + plotH - plotH * v / max, colour));
      }
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
          .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
          PAD + plotW + 8, PAD + 12 + 14 * m, colour, esc(r.model())));
    }
    s.append("</svg></figure>");
    return s.toString();
  }

  /** Quality against model bytes on a log scale: the cost of each model's answer. */
  static String sizeChart(List<Comparison.Row> rows, int k) {
    String metric = "HR@" + k;
    double minLog = Double.POSITIVE_INFINITY;
    double maxLog = Double.NEGATIVE_INFINITY;
    double max = 0;
    for (Comparison.Row r : rows) {
      double lg = Math.log10(Math.max(1, r.modelBytes()));
      minLog = Math.min(minLog, Math.floor(lg));
      maxLog = Math.max(maxLog, Math.ceil(lg));
      max = Math.max(max, r.metrics().getOrDefault(metric, 0.0));
    }
    if (rows.isEmpty()) {
      return "";
    }
    if (maxLog <= minLog) {
      maxLog = minLog + 1;
    }
    max = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
    int plotW = WIDTH - PAD * 2 - 20;
    int plotH = HEIGHT - PAD * 2;
    StringBuilder s = new StringBuilder();
    String title = metric + " against model size (bytes, log scale)";
    s.append(String.format(Locale.ROOT, "<figure><svg width=\"%d\" height=\"%d\" role=\"img\" "
        + "aria-label=\"%s\" viewBox=\"0 0 %d %d\">", WIDTH, HEIGHT, esc(title), WIDTH, HEIGHT));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>",
        PAD, esc(title)));
    axes(s, plotW, plotH, max);
    for (int d = (int) minLog; d <= (int) maxLog; d++) {
      double x = PAD + plotW * (d - minLog) / (maxLog - minLog);
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>", x, PAD, x,
          PAD + plotH, x - 8, PAD + plotH + 14, bytesLabel(d)));
    }
    for (int m = 0; m < rows.size(); m++) {
      Comparison.Row r = rows.get(m);
      String colour = COLOURS[m % COLOURS.length];
      double x = PAD + plotW * (Math.log10(Math.max(1, r.modelBytes())) - minLog)
          / (maxLog - minLog);
      double y = PAD + plotH - plotH * r.metrics().getOrDefault(metric, 0.0) / max;
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
          + "<title>%s: %s %.4f, %,d bytes</title></circle><text x=\"%.1f\" y=\"%.1f\" "
          + "font-size=\"11\" fill=\"%s\">%s</text>", x, y, colour, esc(r.model()), metric,
          r.metrics().getOrDefault(metric, 0.0), r.modelBytes(), x + 6,
          y + (m % 2 == 0 ? -6 : 12), colour, esc(r.model()))); // alternate: neighbours overlap
    }
    s.append("</svg></figure>");
    return s.toString();
  }

  private static String bytesLabel(int log10) {
    String[] units = {"1 B", "10 B", "100 B", "1 KB", "10 KB", "100 KB", "1 MB", "10 MB",
        "100 MB", "1 GB", "10 GB", "100 GB"};
    return log10 >= 0 && log10 < units.length ? units[log10] : "1e" + log10;
  }

  /** HR (or MRR) after every epoch, one line per iterative model; validation curves dashed. */
  static String curveChart(String title, boolean hr, List<Comparison.Row> rows) {
    int epochs = 1;
    double max = 0;
    for (Comparison.Row r : rows) {
      for (List<Comparison.CurvePoint> c : curves(r)) {
        for (Comparison.CurvePoint p : c) {
          epochs = Math.max(epochs, p.epoch());
          max = Math.max(max, hr ? p.hr() : p.mrr());
        }
      }
    }
    max = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
    int plotW = WIDTH - PAD * 2 - 80;
    int plotH = HEIGHT - PAD * 2;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<figure><svg width=\"%d\" height=\"%d\" role=\"img\" "
        + "aria-label=\"%s\" viewBox=\"0 0 %d %d\">", WIDTH, HEIGHT, esc(title), WIDTH, HEIGHT));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>",
        PAD, esc(title)));
    axes(s, plotW, plotH, max);
    int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
    for (int e = 1; e <= epochs; e += step) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%d</text>",
          epochX(e, epochs, plotW) - 3, PAD + plotH + 14, e));
    }
    int legend = 0;
    for (int m = 0; m < rows.size(); m++) {
      Comparison.Row r = rows.get(m);
      List<List<Comparison.CurvePoint>> cs = curves(r);
      if (cs.isEmpty()) {
        continue;
      }
      String colour = COLOURS[m % COLOURS.length];
      for (int c = 0; c < cs.size(); c++) {
        boolean dashed = r.earlyStop() != null && cs.get(c) == r.earlyStop().validation();
        StringBuilder pts = new StringBuilder();
        for (Comparison.CurvePoint p : cs.get(c)) {
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", epochX(p.epoch(), epochs, plotW),
              PAD + plotH - plotH * (hr ? p.hr() : p.mrr()) / max));
        }
        s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
            .append(dashed ? "\" stroke-dasharray=\"5,4" : "")
            .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
          + "fill=\"%s\">%s</text>", PAD + plotW + 8, PAD + 12 + 14 * legend++, colour,
          esc(r.model())));
    }
    s.append("</svg></figure>");
    return s.toString();
  }

  private static List<List<Comparison.CurvePoint>> curves(Comparison.Row r) {
    List<List<Comparison.CurvePoint>> out = new java.util.ArrayList<>();
    if (r.curve() != null && !r.curve().isEmpty()) {
      out.add(r.curve());
    }
    if (r.earlyStop() != null && !r.earlyStop().validation().isEmpty()) {
      out.add(r.earlyStop().validation());
    }
    return out;
  }

  private static double epochX(int epoch, int epochs, int plotW) {
    return PAD + (epochs == 1 ? plotW / 2.0 : plotW * (epoch - 1) / (double) (epochs - 1));
  }

  /** The two axes and four value ticks up to {@code max}. */
  private static void axes(StringBuilder s, int plotW, int plotH, double max) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#888\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
        PAD, PAD, PAD, PAD + plotH, PAD, PAD + plotH, PAD + plotW, PAD + plotH));
    for (int t = 0; t <= 4; t++) {
      double v = max * t / 4;
      double y = PAD + plotH - plotH * t / 4.0;
      s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"10\">%.2f</text>",
          y + 3, v));
    }
  }

  private static double x(int i, int n, int plotW) {
    return PAD + (n == 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
