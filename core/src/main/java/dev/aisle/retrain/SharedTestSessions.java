package dev.aisle.retrain;

import dev.aisle.corpus.Corpus;
import dev.aisle.corpus.ProductIndex;
import dev.aisle.eval.TestSessions;
import java.util.ArrayList;
import java.util.List;

/**
 * The test sessions two models with different vocabularies can both be scored on: products that
 * either does not know removed, sessions left shorter than 2 dropped, then coded with each
 * model's ordinals. Same sessions, same predictions, so the scores compare.
 *
 * @param a the sessions in the first model's ordinals
 * @param b the same sessions in the second model's ordinals
 */
record SharedTestSessions(TestSessions a, TestSessions b) {

  static SharedTestSessions of(ProductIndex first, ProductIndex second, Corpus test) {
    List<int[]> a = new ArrayList<>();
    List<int[]> b = new ArrayList<>();
    long removed = 0;
    long dropped = 0;
    for (int s = 0; s < test.sessionCount(); s++) {
      int n = test.sessionLength(s);
      int[] inA = new int[n];
      int[] inB = new int[n];
      int kept = 0;
      for (int e = test.sessionStart(s); e < test.sessionEnd(s); e++) {
        String id = test.products().id(test.item(e));
        int pa = first.ordinal(id);
        int pb = second.ordinal(id);
        if (pa < 0 || pb < 0) {
          removed++;
        } else {
          inA[kept] = pa;
          inB[kept++] = pb;
        }
      }
      if (kept < 2) {
        dropped++;
      } else {
        a.add(java.util.Arrays.copyOf(inA, kept));
        b.add(java.util.Arrays.copyOf(inB, kept));
      }
    }
    return new SharedTestSessions(new TestSessions(List.copyOf(a), removed, dropped),
        new TestSessions(List.copyOf(b), removed, dropped));
  }
}
