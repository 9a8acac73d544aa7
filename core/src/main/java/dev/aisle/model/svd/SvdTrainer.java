package dev.aisle.model.svd;

import dev.aisle.corpus.Corpus;
import dev.aisle.linalg.CsrMatrix;
import dev.aisle.linalg.RandomizedSvd;
import dev.aisle.model.Cooccurrence;
import dev.aisle.model.ProductVectors;
import dev.aisle.model.TrainContext;

/**
 * Product vectors from the truncated SVD of the shifted positive PMI matrix of session
 * co-occurrences with context distribution smoothing (Levy, Goldberg and Dagan, "Improving
 * Distributional Similarity with Lessons Learned from Word Embeddings", TACL 2015):
 *
 * <pre>
 * PMI(i, j)   = log( X_ij / (X_i* P_cds(j)) ),   P_cds(j) = X_*j^cds / sum_k X_*k^cds
 * SPPMI(i, j) = max(PMI(i, j) - log neg, 0)
 * SPPMI ~ U Sigma V^T (rank dim, {@link RandomizedSvd}),  vectors = U Sigma^eig
 * </pre>
 *
 * The counts, the PPMI matrix and the SVD's products are all sparse; only the {@code products x
 * (dim + oversampling)} bases are dense. Deterministic for a seed, at any thread count.
 *
 * <pre>
 * SvdModel m = SvdTrainer.train(corpus, SvdOptions.from(Params.none()), TrainContext.defaults());
 * </pre>
 */
public final class SvdTrainer {
  private SvdTrainer() {}

  /** Factorises the corpus's SPPMI matrix. */
  public static SvdModel train(Corpus corpus, SvdOptions o, TrainContext context) {
    int n = corpus.products().size();
    CsrMatrix counts = Cooccurrence.count(corpus, o.window(), o.distanceWeighting(),
        context.threads());
    context.checkCancelled();
    CsrMatrix ppmi = ppmi(counts, o.cds(), o.neg());
    context.progress(1);
    context.checkCancelled();
    int rank = Math.min(o.dim(), n);
    RandomizedSvd.Result r = RandomizedSvd.compute(ppmi, rank, o.oversampling(),
        o.powerIterations(), context.seed(), context.threads());
    context.progress(2);
    context.checkCancelled();
    float[] v = new float[n * rank];
    for (int c = 0; c < rank; c++) {
      double scale = Math.pow(r.sigma()[c], o.eig());
      for (int p = 0; p < n; p++) {
        v[p * rank + c] = (float) (r.u()[p * rank + c] * scale);
      }
    }
    return new SvdModel(corpus.products(), o, new ProductVectors(n, rank, v));
  }

  /** The shifted positive PMI of counts {@code x} with context smoothing {@code cds}. */
  static CsrMatrix ppmi(CsrMatrix x, double cds, double neg) {
    double[] rowSums = x.rowSums();
    double[] colSums = x.columnSums();
    double smoothedTotal = 0;
    for (double c : colSums) {
      smoothedTotal += Math.pow(c, cds);
    }
    double shift = Math.log(neg);
    float[] values = new float[x.nonZeros()];
    for (int i = 0; i < x.rows(); i++) {
      for (int e = x.rowStart(i); e < x.rowEnd(i); e++) {
        double pc = Math.pow(colSums[x.column(e)], cds) / smoothedTotal;
        double pmi = Math.log(x.value(e) / (rowSums[i] * pc));
        values[e] = (float) Math.max(0, pmi - shift);
      }
    }
    return x.withValues(values).withoutZeros();
  }
}
