/**
 * Session-based k-nearest neighbours: the next product is what the most similar past sessions
 * browsed. One implementation covers the family, by its options:
 *
 * <ul>
 *   <li>SKNN (Jannach and Ludewig, "When recurrent neural networks meet the neighborhood for
 *       session-based recommendation", RecSys 2017): uniform weights, cosine similarity over the
 *       sets of products, a sample of recent candidate sessions;
 *   <li>V-SKNN (Ludewig and Jannach, UMUAI 2018): the current session's products weighted by a
 *       linear decay towards the past, optionally by inverse document frequency;
 *   <li>STAN (Garg et al., "Sequence and Time Aware Neighborhood for Session-based
 *       Recommendations", SIGIR 2019): exponential decays for the position in the current session
 *       (lambda_1), the age of the neighbour session (lambda_2) and the distance of a product from
 *       the matched product within the neighbour (lambda_3).
 * </ul>
 */
package dev.aisle.model.sknn;
