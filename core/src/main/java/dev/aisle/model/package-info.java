/**
 * What a trained model is: a {@link dev.aisle.model.Recommender} that scores every product as
 * related to a product or as next in a session, trained from a corpus with options parsed from
 * {@link dev.aisle.model.Params} and a {@link dev.aisle.model.TrainContext}. One sub-package per
 * algorithm; saving and loading is {@link dev.aisle.modelfile}.
 */
package dev.aisle.model;
