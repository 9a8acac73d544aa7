/**
 * The {@code rank} algorithm: a second stage learned on the shop's own data, the pattern of the
 * RecSys Challenge and OTTO winners. Several models propose candidates (session-kNN, sequential
 * co-occurrence, item2vec, SVD, popularity and the session's own products); a gradient-boosted
 * ranker (XGBoost, Chen and Guestrin, KDD 2016, with the LambdaMART objective of Burges, "From
 * RankNet to LambdaRank to LambdaMART", 2010) orders them by features of the session and of each
 * candidate, trained on the next products of the latest training sessions. XGBoost trains the
 * ranker; a query evaluates its trees in Java ({@code FlatTrees}, the same
 * margins, without a native call per request).
 *
 * <p>This module is apart from core because XGBoost4J brings native code and Scala 2.12.
 */
package dev.aisle.rank;
