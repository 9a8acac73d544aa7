/**
 * Every algorithm by name ({@link dev.aisle.modelfile.Algorithm}) and the model file that stores
 * any of them with its provenance ({@link dev.aisle.modelfile.ModelFile}).
 */
package dev.aisle.modelfile;
