/**
 * Keeping a served model fresh between retrains: the live sessions that have ended (idle for the
 * session gap) are folded into a {@link FreshIndex} of product ids, so a product launched this
 * morning is recommended as soon as visitors browse it together with others, without a retrain.
 *
 * <p>The index holds the most recent completed sessions (a bounded ring), each product's count
 * and, per product, the sessions that browsed it: the same inverted index session-kNN keeps
 * (Jannach and Ludewig, "When recurrent neural networks meet the neighborhood for session-based
 * recommendation", RecSys 2017), from which co-occurrence counts ("browsed together in N
 * sessions") are read at query time. The server merges what it finds into each model's answers:
 * popularity adds the counts, embedding models give a product they do not know a vector folded
 * in from the products it was browsed with, and every model places products it has never seen
 * by the sessions they share with the query. The next retrain learns them properly.
 */
package dev.aisle.fresh;
