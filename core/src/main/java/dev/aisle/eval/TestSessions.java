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

  /**
   * The sessions from {@code from} on of {@code corpus} as test sessions for a model trained on
   * the sessions before it with the same vocabulary ({@link Corpus#sessionRange}): products not
   * browsed before {@code from} removed, sessions left shorter than 2 dropped. A validation
   * split carved off a training corpus.
   */
  public static TestSessions heldOut(Corpus corpus, int from) {
    if (from < 1 || from >= corpus.sessionCount()) {
      throw new IllegalArgumentException("held-out sessions must start in 1.."
          + (corpus.sessionCount() - 1) + ", was " + from);
    }
    boolean[] seen = new boolean[corpus.products().size()];
    for (int e = 0; e < corpus.sessionStart(from); e++) {
      seen[corpus.item(e)] = true;
    }
    List<int[]> out = new ArrayList<>();
    long removed = 0;
    long dropped = 0;
    for (int s = from; s < corpus.sessionCount(); s++) {
      int[] items = java.util.Arrays.stream(corpus.sessionItems(s)).filter(p -> seen[p])
          .toArray();
      removed += corpus.sessionLength(s) - items.length;
      if (items.length < 2) {
        dropped++;
      } else {
        out.add(items);
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
