/**
 * Hyperparameter search on the shop's own data: {@code aisle tune}.
 *
 * <p>The latest sessions of the training data are held out ({@link
 * dev.aisle.tune.ValidationSplit}), each algorithm's ranges ({@link dev.aisle.tune.SearchSpace})
 * are searched against next-item HR@k or MRR@k on them by {@link dev.aisle.tune.Tuner}
 * (quasi-random points after Bergstra and Bengio 2012, one round of successive halving after
 * Jamieson and Talwalkar 2016, then local refinement), within a wall-time budget shared among the
 * algorithms by what their trials cost ({@link dev.aisle.tune.Budget}), and the best settings
 * are written with every trial's scores ({@link dev.aisle.tune.TunedConfig}). Test data
 * never takes part: a search sees only the training corpus it is given.
 */
package dev.aisle.tune;
