/**
 * Serving Aisle models from search engines a shop already runs: SolrCloud, Elasticsearch and
 * OpenSearch.
 *
 * <p>A model becomes one document per product ({@link dev.aisle.search.ProductDocuments}): its
 * embedding (a dense vector field with an HNSW graph, cosine similarity), its co-occurrence
 * indicators (the products whose log-likelihood ratio marks them as browsed together with it,
 * best first, as a multi-valued keyword field) and the catalog fields business rules filter on
 * (category, price, in stock). A search backend ({@link dev.aisle.search.SearchBackend}) then
 * answers the server's two questions with the engine's own queries:
 *
 * <ul>
 *   <li>related products: a k-nearest-neighbour query with the product's vector, or for a model
 *       without vectors the product's own indicator list;
 *   <li>next for a session: the session's products as one OR query against the indicator field.
 *       This is the Universal Recommender pattern (Ferrel, "Universal Recommender", ActionML
 *       2016, after Dunning and Friedman, <i>Practical Machine Learning: Innovations in
 *       Recommendation</i>, O'Reilly 2014). The indicator field is split by indicator strength
 *       (the LLR score on a log scale, 16 levels) and each level matched as a constant score,
 *       so the engine adds up what the model adds up; the classic single field scored by
 *       TF-IDF/BM25 ties a product's strong and weak indicators and lost 15 points of HR@20. Models with vectors
 *       and no indicators query with the weighted sum of the session's unit vectors instead.
 * </ul>
 *
 * Both weigh a session's products by position as the model's own scoring does (its session
 * weighting: last, linear, exp or uniform), as term boosts or vector weights.
 *
 * Business rules (exclude, category, in stock only) are filter queries, so the engine filters
 * before ranking (for kNN: a pre-filtered HNSW search) and never returns fewer items than it
 * could.
 *
 * <p>The engines are reached over their HTTP JSON APIs ({@link java.net.http.HttpClient} and
 * Jackson), with fail-over between the nodes named in the URI ({@link
 * dev.aisle.search.SearchUri}).
 */
package dev.aisle.search;
