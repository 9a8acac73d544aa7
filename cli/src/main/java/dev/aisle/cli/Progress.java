package dev.aisle.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long work, shown only when a person is watching (a
 * terminal); logs and CI get the summary lines instead.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar over {@code total} units, or a silent one when standard error is not a terminal. */
  static Progress start(String task, long total, String unit, long unitSize) {
    if (System.console() == null || total <= 0) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(unit, unitSize)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .showSpeed()
        .build());
  }

  /** Progress in bytes, shown in MB. */
  static Progress bytes(String task, long total) {
    return start(task, total, " MB", 1 << 20);
  }

  /** Receives the amount done so far. */
  LongConsumer listener() {
    return done -> {
      if (bar != null) {
        bar.stepTo(done);
      }
    };
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
