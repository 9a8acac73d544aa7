package dev.aisle.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The products of a session as weighted query terms: each position weighted as the model's own
 * session weighting weighs it ({@link IndexInfo#sessionWeights}), zero weights dropped, and at
 * most {@link #MAX} terms (the heaviest, the most recent first among equals), since each term
 * becomes {@link ProductDocuments#LEVELS} clauses and the engines cap a query at 1,024.
 */
public final class SessionTerms {
  /** Most session products one query names. */
  public static final int MAX = 60;

  private SessionTerms() {}

  /** A session product and its weight. */
  public record Term(String product, double weight) {}

  /** The weighted terms of {@code session} (oldest first) for an export described by {@code info}. */
  public static List<Term> of(IndexInfo info, List<String> session) {
    double[] w = info.sessionWeights(session.size());
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < session.size(); i++) {
      if (w[i] > 0) {
        positions.add(i);
      }
    }
    positions.sort(Comparator.<Integer>comparingDouble(i -> -w[i]).thenComparing(i -> -i));
    List<Term> out = new ArrayList<>();
    for (int i : positions.subList(0, Math.min(MAX, positions.size()))) {
      out.add(new Term(session.get(i), w[i]));
    }
    return out;
  }
}
