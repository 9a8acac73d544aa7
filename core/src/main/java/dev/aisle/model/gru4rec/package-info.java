/**
 * GRU4Rec: a recurrent network reads the session product by product and scores every product as
 * the next one (Hidasi, Karatzoglou, Baltrunas and Tikk, "Session-based recommendations with
 * recurrent neural networks", ICLR 2016; Hidasi and Karatzoglou, "Recurrent neural networks with
 * top-k gains for session-based recommendations", CIKM 2018). Aisle follows the official code as
 * Hidasi and Czapp describe it in "The effect of third party implementations on reproducibility"
 * (RecSys 2023), whose point is that third-party versions which drop its details lose much of
 * its accuracy: session-parallel mini-batches, negatives shared by the mini-batch (its own
 * targets plus products drawn by popularity^alpha), softmax cross-entropy with logQ correction,
 * the input embedding tied to the output weights, dropout on the hidden state, and Adagrad with
 * momentum whose embedding updates touch only the rows a mini-batch used.
 *
 * <table>
 *   <caption>Options and the official code's names</caption>
 *   <tr><th>Aisle</th><th>GRU4Rec</th><th>default</th></tr>
 *   <tr><td>layers</td><td>{@code layers=[H]} (one GRU layer)</td><td>100</td></tr>
 *   <tr><td>epochs</td><td>{@code n_epochs}</td><td>8</td></tr>
 *   <tr><td>batch-size</td><td>{@code batch_size}</td><td>48</td></tr>
 *   <tr><td>dropout-p-embed, dropout-p-hidden</td><td>{@code dropout_p_embed},
 *       {@code dropout_p_hidden}</td><td>0, 0.2</td></tr>
 *   <tr><td>learning-rate, momentum</td><td>{@code learning_rate}, {@code momentum}
 *       (IndexedAdagradM, eps 1e-6)</td><td>0.07, 0</td></tr>
 *   <tr><td>n-sample, sample-alpha</td><td>{@code n_sample}, {@code sample_alpha}</td>
 *       <td>2048, 0.2</td></tr>
 *   <tr><td>logq</td><td>{@code logq}</td><td>1</td></tr>
 *   <tr><td>constrained-embedding</td><td>{@code constrained_embedding}; false gives the input
 *       its own embedding of {@code layers} dimensions ({@code embedding='layersize'})</td>
 *       <td>true</td></tr>
 * </table>
 *
 * The loss is always {@code cross-entropy} with {@code final_act='softmax'}; the official code's
 * BPR-max loss, several layers, a one-hot input (no embedding) and its {@code bpreg} and
 * {@code elu_param} are not provided.
 *
 * <p>The defaults are the official code's best cross-entropy setting for yoochoose ({@code
 * paramfiles/yoochoose_xe_shared_best.py}) with 100 units instead of 480 and 8 epochs instead of
 * 10, chosen on a split of yoochoose-100k's {@code train_tr} alone (its last day held out; {@code
 * train_valid} was not read): HR@20 / MRR@20 there .6700 / .3564 after 8 epochs, against
 * .6432 / .3426 for the paper's rsc15 setting with 100 units ({@code rsc15_xe_shared_100_best.py},
 * its best after 10 epochs), .6333 / .3198 with 200 units (overfitting after epoch 3), and
 * session-kNN's .6729 / .3730.
 */
package dev.aisle.model.gru4rec;
