package dev.aisle.server;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Request counts and latency histograms by route, method and status, in the Prometheus text
 * exposition format (version 0.0.4), plus gauges supplied by the server.
 *
 * <p>Thread-safe; recording is lock-free.
 */
final class RequestMetrics {
  private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25, 0.5, 1, 2.5};

  private final Map<Route, Series> series = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

  private record Route(String route, String method) {}

  /** Counts by status and the latency histogram of one route and method. */
  private static final class Series {
    final String labels;
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Series(Route r) {
      labels = "route=\"" + escape(r.route()) + "\",method=\"" + r.method() + "\"";
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  void record(String route, String method, int status, long nanos) {
    Series h = series.computeIfAbsent(new Route(route, method), Series::new);
    h.byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        h.buckets[i].increment();
      }
    }
    h.count.increment();
    h.sum.add(seconds);
  }

  /** A gauge read at every scrape, e.g. the number of live sessions. */
  void gauge(String name, Supplier<Number> value) {
    gauges.put(name, value);
  }

  String scrape() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# HELP aisle_http_requests_total HTTP requests by route, method and status.\n")
        .append("# TYPE aisle_http_requests_total counter\n");
    series.values().forEach(h -> h.byStatus.forEach((status, n) ->
        sb.append("aisle_http_requests_total{").append(h.labels).append(",status=\"")
            .append(status).append("\"} ").append(n.sum()).append('\n')));
    sb.append("# HELP aisle_http_request_duration_seconds Time to answer a request.\n")
        .append("# TYPE aisle_http_request_duration_seconds histogram\n");
    series.values().forEach(h -> {
      String labels = h.labels;
      for (int i = 0; i < BUCKETS.length; i++) {
        sb.append("aisle_http_request_duration_seconds_bucket{").append(labels).append(",le=\"")
            .append(BUCKETS[i]).append("\"} ").append(h.buckets[i].sum()).append('\n');
      }
      sb.append("aisle_http_request_duration_seconds_bucket{").append(labels)
          .append(",le=\"+Inf\"} ").append(h.count.sum()).append('\n');
      sb.append("aisle_http_request_duration_seconds_sum{").append(labels).append("} ")
          .append(String.format(Locale.ROOT, "%.6f", h.sum.sum())).append('\n');
      sb.append("aisle_http_request_duration_seconds_count{").append(labels).append("} ")
          .append(h.count.sum()).append('\n');
    });
    gauges.forEach((name, value) -> sb.append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value.get()).append('\n'));
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
