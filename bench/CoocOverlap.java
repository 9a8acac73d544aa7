import dev.aisle.corpus.ProductIndex;
import dev.aisle.model.ScoredItem;
import dev.aisle.model.cooc.CoocModel;
import dev.aisle.modelfile.ModelFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How close two cooc models are (bench/spark-1m.sh: the Spark job's against the embedded
 * trainer's, on the same log and options): products matched by id, then for each product of the
 * first model the share of its top K indicators (by id) that the second model's top K holds, the
 * share of products whose top K lists are the same in the same order, and the largest score
 * difference among indicators both hold.
 *
 * <p>Usage: {@code java -cp aisle.jar CoocOverlap.java A.model B.model [K]} (K default 20).
 */
public final class CoocOverlap {
  public static void main(String[] args) {
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    CoocModel a = (CoocModel) ModelFile.read(Path.of(args[0])).model();
    CoocModel b = (CoocModel) ModelFile.read(Path.of(args[1])).model();
    ProductIndex pa = a.products();
    ProductIndex pb = b.products();
    long products = 0;
    long missing = 0;
    long same = 0;
    long listed = 0;
    double overlap = 0;
    double maxScoreDiff = 0;
    for (int p = 0; p < pa.size(); p++) {
      int q = pb.ordinal(pa.id(p));
      if (q < 0) {
        missing++;
        continue;
      }
      products++;
      List<ScoredItem> la = top(a.indicators(p), k);
      List<ScoredItem> lb = top(b.indicators(q), k);
      if (la.isEmpty() && lb.isEmpty()) {
        same++;
        continue;
      }
      listed++;
      Set<String> ids = new HashSet<>();
      for (ScoredItem s : lb) {
        ids.add(pb.id(s.product()));
      }
      int both = 0;
      boolean inOrder = la.size() == lb.size();
      for (int i = 0; i < la.size(); i++) {
        String id = pa.id(la.get(i).product());
        if (ids.contains(id)) {
          both++;
          for (ScoredItem s : lb) {
            if (pb.id(s.product()).equals(id)) {
              maxScoreDiff = Math.max(maxScoreDiff, Math.abs(s.score() - la.get(i).score()));
            }
          }
        }
        inOrder &= i < lb.size() && id.equals(pb.id(lb.get(i).product()));
      }
      overlap += both / (double) Math.max(la.size(), lb.size());
      if (inOrder) {
        same++;
      }
    }
    System.out.printf(Locale.ROOT, "products: %,d in A, %,d in B, %,d of A not in B%n",
        pa.size(), pb.size(), missing);
    System.out.printf(Locale.ROOT, "top %d indicators: mean overlap %.4f over %,d products "
        + "with indicators; same list in the same order: %.4f of %,d products; largest score "
        + "difference %.3g%n", k, overlap / listed, listed, same / (double) products, products,
        maxScoreDiff);
  }

  private static List<ScoredItem> top(List<ScoredItem> indicators, int k) {
    return indicators.subList(0, Math.min(k, indicators.size()));
  }
}
