/**
 * GloVe product vectors (Pennington, Socher and Manning, "GloVe: Global Vectors for Word
 * Representation", EMNLP 2014), fitted to the session co-occurrence matrix: the talk's authors'
 * second suggestion after word2vec. A weighted least-squares fit of {@code log X_ij} by {@code
 * w_i . w~_j + b_i + b~_j}, where {@code X_ij} counts products {@code i} and {@code j} browsed
 * within {@code window} events of each other in a session (each pair {@code d} events apart
 * counting {@code 1 / d}).
 *
 * <table>
 *   <caption>Options and their names in the paper and glove.c</caption>
 *   <tr><th>Aisle</th><th>paper / glove.c</th><th>meaning</th></tr>
 *   <tr><td>dim</td><td>d / -vector-size</td><td>vector dimension</td></tr>
 *   <tr><td>window</td><td>-window-size</td><td>largest distance of a counted pair</td></tr>
 *   <tr><td>distance-weighting</td><td>-distance-weighting</td><td>1/d counts</td></tr>
 *   <tr><td>x-max, alpha</td><td>x_max, alpha / -x-max, -alpha</td><td>the weighting function
 *       f(x) = min(1, (x / x_max)^alpha)</td></tr>
 *   <tr><td>eta</td><td>-eta</td><td>AdaGrad's initial learning rate</td></tr>
 *   <tr><td>epochs</td><td>-iter</td><td>passes over the non-zero counts</td></tr>
 * </table>
 *
 * The vectors saved are {@code w + w~} ({@code -model 2}). Co-occurrence counts in a shop are far
 * smaller and sparser than in a text corpus: the default {@code x-max} is 5, not the paper's 100,
 * and GloVe, which fits only the non-zero counts, overfits them after a few passes (on the
 * yoochoose-100k validation pair HR@20 peaks at epoch 3 and falls after), so the default is 3
 * epochs; {@code aisle evaluate --curve} shows the curve, {@code --early-stop} picks the epoch.
 */
package dev.aisle.model.glove;
