/**
 * The models the server answers with: {@link dev.aisle.server.models.ModelRegistry} loads the
 * model files named on the command line, swaps in a new set atomically on reload (a request sees
 * the old set or the new one, never a mix) and watches the files for changes; each {@link
 * dev.aisle.server.models.ServedModel} is a loaded model with its products as the API shows them
 * and the way it answers ({@link dev.aisle.server.vectors.Retrieval}).
 */
package dev.aisle.server.models;
