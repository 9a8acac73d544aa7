/**
 * Online experiments: which model makes visitors click, add to cart and buy. An {@link
 * dev.aisle.server.experiment.ExperimentSpec} is an A/B split (visitors assigned by a stable hash
 * of their id and the experiment's name, against weights) or a team-draft interleaving of two
 * models ({@link dev.aisle.server.experiment.TeamDraft}, Radlinski, Kurup and Joachims 2008),
 * which tells two models apart with far fewer visitors because every visitor compares both.
 * {@link dev.aisle.server.experiment.ExperimentServing} picks the model or mix of a request and
 * gives its answer a recommendation id; {@link dev.aisle.server.experiment.Experiments} credits
 * the clicks, carts and purchases posted back with it, keeps the counts in an append-only,
 * checksummed log that is replayed at start, and reports rates with 95% intervals and tests
 * (delta-method z-tests over visitors for a split, exact binomial tests for an interleaving).
 */
package dev.aisle.server.experiment;
