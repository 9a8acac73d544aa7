/**
 * Retraining with a quality gate: the served models are trained again on a window of the event
 * log (plus the corpus the shop started with), each candidate is evaluated against the model it
 * would replace on the most recent day, and it replaces the file only if it is not worse by more
 * than a threshold. Every run is recorded, swapped or kept, with the reason.
 *
 * <h2>Protocol</h2>
 * <ol>
 * <li>Corpus: the event log's segments and the initial corpus (its events written back out as
 * Aisle CSV) ingested together, split into sessions at the gap and cleaned as ingest cleans,
 * then cut to the sessions starting within the training window before the newest event.</li>
 * <li>Split: the sessions starting in the last {@code testDays} are the test part; when the
 * history says which events the serving model was trained on (a previous retrain swapped it in)
 * and that window ends later, the test part starts there instead, so the serving model is scored
 * only on sessions it has not seen. The candidate is trained on the sessions before the test
 * part.</li>
 * <li>Gate: candidate and serving model predict the same next items: test products that either
 * model does not know are removed from the sessions first, so both are scored on the same
 * predictions (HR@k and MRR@k, session-rec's protocol as {@code aisle evaluate} runs it). The
 * candidate passes if neither metric is lower than the serving model's by more than {@code
 * maxDrop}. A serving model of unknown origin may have been trained on part of the test day;
 * the gate then favours keeping it, the safe way round.</li>
 * <li>Swap: a candidate that passes is trained again on the whole window (the test day too) and
 * written over the model file atomically; a server with {@code --watch} (or {@code
 * --retrain-every}) reloads it without stopping answering.</li>
 * </ol>
 */
package dev.aisle.retrain;
