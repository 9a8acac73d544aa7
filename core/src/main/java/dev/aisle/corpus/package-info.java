/**
 * The corpus: int-coded browse sessions in time order, with the product vocabulary, customers,
 * event types, catalog and the record of how they were made. {@link
 * dev.aisle.corpus.CorpusBuilder} runs the ingest pipeline; {@link dev.aisle.corpus.CorpusFile}
 * stores the result compactly (varint deltas, CRC32C, atomic write) so that loading is far faster
 * than parsing the log again; {@link dev.aisle.corpus.CorpusStats} summarises it.
 */
package dev.aisle.corpus;
