/**
 * Writing models in other tools' formats: product vectors in the word2vec text and binary formats
 * (Mikolov's {@code word2vec.c}, which gensim's {@code KeyedVectors.load_word2vec_format} reads).
 */
package dev.aisle.export;
