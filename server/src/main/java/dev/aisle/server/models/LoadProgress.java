package dev.aisle.server.models;

import dev.aisle.server.vectors.BuildProgress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far loading the models has come: logged when a step starts and every ten seconds while it
 * runs (what, how far, how long), and shown by {@code /health} until the models are ready.
 *
 * <p>Thread-safe.
 */
final class LoadProgress implements BuildProgress {
  private static final Logger LOG = LoggerFactory.getLogger(LoadProgress.class);
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final long started = System.nanoTime();
  private String step = "starting";
  private long done;
  private long total;
  private long stepStarted = started;
  private long logged = started;

  @Override
  public synchronized void report(String step, long done, long total) {
    long now = System.nanoTime();
    boolean next = !step.equals(this.step);
    if (next) {
      this.step = step;
      stepStarted = now;
    }
    this.done = done;
    this.total = total;
    if (next || now - logged >= LOG_EVERY_NANOS) {
      logged = now;
      LOG.info(describe(now));
    }
  }

  /** The step under way with its progress, as {@code /health} shows it. */
  synchronized Map<String, Object> toJson() {
    long now = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("step", step);
    if (total > 0) {
      out.put("done", done);
      out.put("total", total);
    }
    out.put("stepSeconds", Math.round((now - stepStarted) / 1e8) / 10.0);
    out.put("seconds", Math.round((now - started) / 1e8) / 10.0);
    return out;
  }

  private String describe(long now) {
    String far = total > 0 ? String.format(Locale.ROOT, " %,d of %,d (%.0f%%)", done, total,
        100.0 * done / total) : "";
    return String.format(Locale.ROOT, "loading: %s%s, %.1f s into it, %.1f s in all", step, far,
        (now - stepStarted) / 1e9, (now - started) / 1e9);
  }
}
