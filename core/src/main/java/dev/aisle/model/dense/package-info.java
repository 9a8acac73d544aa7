/**
 * The dense network of the talk that started Aisle: a home-fashion shop fed Keras a one-hot
 * product and asked it for the other products of the session,
 *
 * <pre>
 * model = Sequential([Dense(2 * N, activation='relu', input_shape=(N,)),
 *                     Dense(N, activation='softmax')])
 * model.compile(optimizer=RMSprop(), loss='categorical_crossentropy')
 * model.fit(one_hot_products, other_products_of_the_session, epochs=3, batch_size=2000)
 * </pre>
 *
 * and shipped a model file of 1.2 GB for N = 9,000 products: {@code 4N^2 + 3N} float32 weights
 * ({@link dev.aisle.model.dense.DenseModel#parameterCount}). Its authors concluded they should
 * have used embeddings and matrix decomposition; Aisle trains it faithfully so that the comparison
 * with item2vec, GloVe and SVD is on real numbers.
 *
 * <table>
 *   <caption>Options and their Keras names</caption>
 *   <tr><th>Aisle</th><th>Keras</th><th>default</th></tr>
 *   <tr><td>hidden-multiplier</td><td>{@code units} of the first Dense layer, over N</td>
 *       <td>2</td></tr>
 *   <tr><td>epochs, batch-size</td><td>{@code fit(epochs=, batch_size=)}</td><td>3, 2000</td></tr>
 *   <tr><td>learning-rate, rho, epsilon</td><td>{@code RMSprop(learning_rate, rho, epsilon)}</td>
 *       <td>0.001, 0.9, 1e-7</td></tr>
 *   <tr><td>max-products</td><td>N: the most popular products only (0 = all)</td><td>0</td></tr>
 *   <tr><td>target</td><td>{@code normalized}: the other products' one-hots summed to 1;
 *       {@code multi-hot}: their 0/1 vector</td><td>normalized</td></tr>
 * </table>
 *
 * Initialisation is Keras's: Glorot-uniform kernels ({@code U(-sqrt(6 / (fan_in + fan_out)),
 * +...)}), zero biases. The loss is the batch mean of the categorical cross-entropy, whose
 * gradient with respect to the logits is {@code sum(y) softmax - y} (TensorFlow's Keras computes
 * it from the logits, so no clipping enters the gradient). RMSprop is Keras 2's rule: {@code a =
 * rho a + (1 - rho) g^2; w -= lr g / (sqrt(a) + epsilon)}.
 */
package dev.aisle.model.dense;
