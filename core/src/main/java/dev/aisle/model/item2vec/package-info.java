/**
 * item2vec: product embeddings learned like word embeddings, with sessions as sentences (Barkan
 * and Koenigstein, "Item2Vec: Neural Item Embedding for Collaborative Filtering", 2016; Grbovic et
 * al., "E-commerce in Your Inbox: Product Recommendations at Scale" (prod2vec), KDD 2015). The
 * trainer is word2vec's skip-gram with negative sampling (Mikolov et al., "Distributed
 * Representations of Words and Phrases and their Compositionality", NIPS 2013), written out by
 * hand because its speed is the product:
 *
 * <table>
 *   <caption>Options and their word2vec names</caption>
 *   <tr><th>Aisle</th><th>word2vec / gensim</th><th>meaning</th></tr>
 *   <tr><td>dim</td><td>size / vector_size</td><td>embedding dimension</td></tr>
 *   <tr><td>window</td><td>window</td><td>maximum context distance (a random reduced window, as
 *       word2vec)</td></tr>
 *   <tr><td>negative</td><td>negative</td><td>noise products per positive pair, drawn from
 *       unigram^0.75</td></tr>
 *   <tr><td>sample</td><td>sample</td><td>subsampling threshold of frequent products</td></tr>
 *   <tr><td>alpha, min-alpha</td><td>alpha, min_alpha</td><td>learning rate, decayed linearly
 *       over all epochs</td></tr>
 *   <tr><td>epochs</td><td>iter / epochs</td><td>passes over the sessions; by default chosen by the
 *       corpus size (50 up to 12M events, 600M / events above, at least 3)</td></tr>
 * </table>
 *
 * Threads update the shared weights without locks (Hogwild, as word2vec does); with one thread and
 * a fixed seed the model is the same bit for bit.
 */
package dev.aisle.model.item2vec;
