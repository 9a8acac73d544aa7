#!/usr/bin/python3
"""gensim's Word2Vec (skip-gram, negative sampling) on sessions as sentences, with the same
hyperparameters as Aisle's item2vec benchmark. Prints the training seconds (reading the file and
building the vocabulary are not timed) and writes the vectors in word2vec text format."""
import sys
import time

from gensim.models import Word2Vec

sentences_file, out, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
sentences = [line.split() for line in open(sentences_file)]
model = Word2Vec(vector_size=64, window=5, negative=5, sg=1, hs=0, min_count=1, sample=1e-3,
                 alpha=0.025, min_alpha=0.0001, workers=threads, seed=1)
model.build_vocab(sentences)
start = time.perf_counter()
model.train(sentences, total_examples=model.corpus_count, epochs=5)
print(f"{time.perf_counter() - start:.3f}")
model.wv.save_word2vec_format(out)
