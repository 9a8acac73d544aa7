/**
 * Matrix decomposition, the talk's authors' third suggestion: product vectors from the truncated
 * SVD of the session co-occurrence matrix, transformed to shifted positive PMI with context
 * distribution smoothing as Levy, Goldberg and Dagan found best for word vectors ("Improving
 * Distributional Similarity with Lessons Learned from Word Embeddings", TACL 2015), decomposed by
 * randomized subspace iteration (Halko, Martinsson and Tropp, SIAM Review 2011).
 *
 * <table>
 *   <caption>Options and their names in the papers</caption>
 *   <tr><th>Aisle</th><th>paper</th><th>meaning</th></tr>
 *   <tr><td>dim</td><td>d</td><td>singular triplets kept: the vector dimension</td></tr>
 *   <tr><td>window, distance-weighting</td><td>win, dyn (Levy et al.)</td><td>which pairs count,
 *       and 1/d weights (a deterministic form of word2vec's dynamic window)</td></tr>
 *   <tr><td>cds</td><td>alpha, context distribution smoothing (Levy et al.)</td><td>context
 *       counts raised to this power before normalising (0.75, as word2vec's noise)</td></tr>
 *   <tr><td>neg</td><td>k, shifted PMI (Levy et al.)</td><td>PMI minus log k, then clipped at 0
 *       </td></tr>
 *   <tr><td>eig</td><td>p, eigenvalue weighting (Levy et al.)</td><td>vectors U Sigma^p</td></tr>
 *   <tr><td>oversampling</td><td>p (Halko et al.)</td><td>extra random directions</td></tr>
 *   <tr><td>power-iterations</td><td>q (Halko et al.)</td><td>subspace iterations</td></tr>
 * </table>
 */
package dev.aisle.model.svd;
