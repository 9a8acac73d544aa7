package dev.aisle.server.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims, "How does clickthrough data reflect
 * retrieval quality?", CIKM 2008): two rankings are mixed into one list as two captains pick
 * teams. The team with fewer picks so far picks next (a coin decides a tie), taking its best
 * item not yet in the list; each item remembers the team that picked it, and a click on it is
 * credited to that team's model. A model whose items are clicked more often is preferred.
 *
 * <pre>
 * TeamDraft.Mixed&lt;String&gt; m = TeamDraft.interleave(List.of("a", "b"), List.of("b", "c"), 3,
 *     String::valueOf, new SplittableRandom(7));
 * m.items();  // e.g. [a, b, c]
 * m.teams();  // e.g. [0, 1, 1]: a picked by the first model, b and c by the second
 * </pre>
 *
 * <p>Where the paper stops when one ranking runs out, this fills the list from the other one,
 * each such item credited to the model that supplied it. Stateless and thread-safe.
 */
public final class TeamDraft {
  private TeamDraft() {}

  /**
   * A mixed list.
   *
   * @param items the list shown
   * @param teams for each item, 0 when the first model picked it, 1 for the second
   */
  public record Mixed<T>(List<T> items, byte[] teams) {}

  /**
   * Mixes two rankings into at most {@code k} items.
   *
   * @param key what makes two items the same (a product id)
   * @param coin the coin for ties, seeded per list so a list can be drawn again
   */
  public static <T> Mixed<T> interleave(List<T> a, List<T> b, int k, Function<T, String> key,
      SplittableRandom coin) {
    List<T> items = new ArrayList<>(k);
    byte[] teams = new byte[k];
    Set<String> taken = new HashSet<>();
    int[] next = {0, 0};
    List<List<T>> lists = List.of(a, b);
    int picksA = 0;
    int picksB = 0;
    while (items.size() < k) {
      boolean leftA = skipTaken(a, next, 0, taken, key);
      boolean leftB = skipTaken(b, next, 1, taken, key);
      if (!leftA && !leftB) {
        break;
      }
      int team;
      if (!leftA) {
        team = 1;
      } else if (!leftB) {
        team = 0;
      } else {
        team = picksA < picksB || (picksA == picksB && coin.nextBoolean()) ? 0 : 1;
      }
      T item = lists.get(team).get(next[team]++);
      taken.add(key.apply(item));
      teams[items.size()] = (byte) team;
      items.add(item);
      if (team == 0) {
        picksA++;
      } else {
        picksB++;
      }
    }
    return new Mixed<>(items, Arrays.copyOf(teams, items.size()));
  }

  /** Moves the list's cursor past items already taken; false when it has none left. */
  private static <T> boolean skipTaken(List<T> list, int[] next, int team, Set<String> taken,
      Function<T, String> key) {
    while (next[team] < list.size() && taken.contains(key.apply(list.get(next[team])))) {
      next[team]++;
    }
    return next[team] < list.size();
  }
}
