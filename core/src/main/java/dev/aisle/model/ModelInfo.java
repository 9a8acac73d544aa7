package dev.aisle.model;

import java.util.Map;

/**
 * How a model was made (its provenance, after Tribuo): enough to make it again. Nothing here
 * depends on the clock, so the same corpus, options and seed give the same file, byte for byte.
 *
 * @param algorithm the algorithm name, e.g. {@code item2vec}
 * @param options the resolved hyperparameters, every default written out
 * @param seed the random seed
 * @param threads the training threads (more than one can change float results)
 * @param corpusChecksum the checksum of the corpus trained on
 * @param corpusEvents events in that corpus
 * @param aisleVersion the version of Aisle that trained it
 */
public record ModelInfo(
    String algorithm,
    Map<String, Object> options,
    long seed,
    int threads,
    String corpusChecksum,
    long corpusEvents,
    String aisleVersion) {}
