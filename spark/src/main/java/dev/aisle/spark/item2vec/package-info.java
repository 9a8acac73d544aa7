/**
 * item2vec on Spark (Barkan and Koenigstein, "Item2Vec: neural item embedding for collaborative
 * filtering", 2016), two ways: {@link dev.aisle.spark.item2vec.PartitionedItem2Vec} runs Aisle's own
 * skip-gram trainer with negative sampling on every partition and combines their updates between
 * rounds (added, or averaged); {@link dev.aisle.spark.item2vec.SparkWord2Vec} runs Spark ML's Word2Vec (hierarchical
 * softmax). Both write the same {@link dev.aisle.model.item2vec.Item2VecModel}.
 */
package dev.aisle.spark.item2vec;
