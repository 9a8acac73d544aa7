package dev.aisle.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import dev.aisle.modelfile.Algorithm;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void quick_work_says_nothing_and_long_work_a_line_per_interval() {
    List<String> lines = new ArrayList<>();
    long[] now = {0};
    LongConsumer work = new Heartbeat(30 * SECOND, lines::add, () -> now[0])
        .listener(done -> "gru4rec: " + done + " done");
    now[0] = 29 * SECOND;
    work.accept(1);
    assertThat(lines).as("within the first interval").isEmpty();
    now[0] = 31 * SECOND;
    work.accept(2);
    now[0] = 50 * SECOND;
    work.accept(3); // within the next interval
    now[0] = 62 * SECOND;
    work.accept(4);
    assertThat(lines).containsExactly("gru4rec: 2 done, 31 s so far",
        "gru4rec: 4 done, 62 s so far");
  }

  @Test
  void a_training_line_counts_the_epochs_finished() {
    List<String> lines = new ArrayList<>();
    long[] now = {0};
    int[] epochs = {0};
    LongConsumer training = Comparison.trainingProgress(new Heartbeat(30 * SECOND, lines::add,
        () -> now[0]), Algorithm.fromLabel("gru4rec"), epochs);
    now[0] = 30 * SECOND;
    training.accept(100);
    epochs[0] = 1;
    now[0] = 60 * SECOND;
    training.accept(200);
    epochs[0] = 3;
    now[0] = 90 * SECOND;
    training.accept(300);
    assertThat(lines).containsExactly("gru4rec: training, 30 s so far",
        "gru4rec: training, 1 epoch done, 60 s so far",
        "gru4rec: training, 3 epochs done, 90 s so far");
  }
}
