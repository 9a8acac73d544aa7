/**
 * The on-disk form shared by Aisle's files (corpora now, models later): a magic word, a format
 * version, a body of varint-coded fields and a CRC32C trailer, written atomically through a
 * temporary file and a rename, so a crash never leaves half a file behind a valid name.
 *
 * <pre>
 * magic (8 bytes) | version (int32) | body ... | CRC32C of magic+version+body (int64)
 * </pre>
 *
 * Varints are LEB128 (7 bits a byte, low first), as in protobuf and Lucene's {@code writeVInt};
 * strings are a varint length + 1 (0 for null) then UTF-8 bytes.
 */
package dev.aisle.format;
