/**
 * Honest offline evaluation of session-based recommenders, following the protocol of Ludewig and
 * Jannach, "Evaluation of session-based recommendation algorithms" (UMUAI 2018), as the
 * session-rec framework runs it:
 *
 * <ul>
 *   <li>train on earlier sessions, test on later ones ({@link dev.aisle.eval.TimeSplit});
 *   <li>test products unseen in training are removed and test sessions left shorter than 2
 *       dropped ({@link dev.aisle.eval.TestSessions});
 *   <li>next item: given s1..si, rank s(i+1) among all products, for every prefix of every test
 *       session; rest of session: the same lists against all of s(i+1)..sn;
 *   <li>a target tied with other products counts at the worst of their ranks, so nothing is won
 *       by ties.
 * </ul>
 *
 * Metrics ({@link dev.aisle.eval.Metrics}): HR@k (hit rate; SR-GNN's P@20), MRR@k, NDCG@k,
 * rest-of-session precision and recall, catalog coverage and popularity bias of the lists; and
 * HR@k, MRR@k by the next product's kind, a repeat of the last, one browsed earlier or a new one
 * ({@link dev.aisle.eval.NextKinds}).
 */
package dev.aisle.eval;
