package dev.aisle.eval;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Test sessions coded with the training vocabulary: products unseen in training removed, sessions
 * left shorter than 2 dropped, as session-rec does.
 *
 * @param sessions product ordinals of the training corpus, per test session, in browse order
 * @param removedEvents test events whose product the training data never saw
 * @param droppedSessions test sessions left shorter than 2
 */
public record TestSessions(List<int[]> sessions, long removedEvents, long droppedSessions) {

  /** Codes the sessions of {@code test} with the products of {@code train}. */
  public static TestSessions of(ProductIndex train, Corpus test) {
    List<int[]> out = new ArrayList<>();
    long removed = 0;
    long dropped = 0;
    int[] buf = new int[16];
    for (int s = 0; s < test.sessionCount(); s++) {
      if (buf.length < test.sessionLength(s)) {
        buf = new int[test.sessionLength(s) * 2];
      }
      int n = 0;
      for (int e = test.sessionStart(s); e < test.sessionEnd(s); e++) {
        int p = train.ordinal(test.products().id(test.item(e)));
        if (p < 0) {
          removed++;
        } else {
          buf[n++] = p;
        }
      }
      if (n < 2) {
        dropped++;
      } else {
        out.add(java.util.Arrays.copyOf(buf, n));
      }
    }
    return new TestSessions(List.copyOf(out), removed, dropped);
  }

  /** The number of next-item predictions: one per prefix of every session. */
  public long predictions() {
    long n = 0;
    for (int[] s : sessions) {
      n += s.length - 1;
    }
    return n;
  }
}
