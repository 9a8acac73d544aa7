/**
 * A weighted blend of models: each component's scores are scaled to a maximum of 1 and added with
 * a weight. Session-kNN knows which whole sessions look like this one; sequential co-occurrence
 * knows what directly follows the last products; embeddings know what is alike even when rarely
 * browsed together. Blending such complementary signals is how the strongest simple baselines of
 * Ludewig et al. (RecSys 2019, "Performance comparison of neural and non-neural approaches to
 * session-based recommendation") are beaten without a neural network.
 */
package dev.aisle.model.hybrid;
