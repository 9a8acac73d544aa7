/**
 * Simulated shoppers, the proof that an online experiment works: {@link
 * dev.aisle.simulate.ShopperSimulation} sends visitors with the generated shop's planted tastes
 * ({@link dev.aisle.generate.ShopperTaste}) to a running server; they read recommendation lists
 * as a cascade ({@link dev.aisle.simulate.ShopperModel}) and click, cart and buy what fits their
 * mission and taste. A model that recommends fitting products earns more clicks, so an experiment
 * between two models must name the better one; with one model on both sides it must find no
 * difference in 95% of runs.
 */
package dev.aisle.simulate;
