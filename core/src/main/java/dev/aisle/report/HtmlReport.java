package dev.aisle.report;

import dev.aisle.eval.Comparison;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code aisle evaluate} results: the protocol, a table of every metric per model, and
 * HR@K / MRR@K charts over the cut-offs.
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
    h.append("</table><h2>Charts</h2><div class=\"charts\">");
    h.append(chart("HR@K", "HR", rows, ks)).append(chart("MRR@K", "MRR", rows, ks));
    h.append("</div></body></html>\n");
    return h.toString();
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
      }
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
          .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
          PAD + plotW + 8, PAD + 12 + 14 * m, colour, esc(r.model())));
    }
    s.append("</svg></figure>");
    return s.toString();
  }

  private static double x(int i, int n, int plotW) {
    return PAD + (n == 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
