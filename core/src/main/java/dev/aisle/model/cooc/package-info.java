/**
 * Co-occurrence: which products are browsed near each other in sessions. Pairs are counted within
 * a window (or the whole session), optionally only forward in time ("directed", as sequential
 * rules do) and weighted by 1/distance. A pair is scored by its count, by cosine, or by the
 * log-likelihood ratio of Dunning (1993), "Accurate Methods for the Statistics of Surprise and
 * Coincidence", as Mahout's and the Universal Recommender's indicators are. Each product keeps its
 * top indicators: a sparse list that also maps onto a search engine's indicator field.
 */
package dev.aisle.model.cooc;
