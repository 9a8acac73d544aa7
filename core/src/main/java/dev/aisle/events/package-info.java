/**
 * The durable event log: every event the server accepts ({@code POST /api/events}) is appended to
 * segment files in Aisle's own CSV log format, so {@code aisle ingest DIR/*.csv} and the Spark job
 * read them with no new format.
 *
 * <pre>
 * customer_id,product_id,timestamp,event,crc32c
 * c42,P000017,2026-12-01T09:15:02.118Z,view,5d0c33a1
 * </pre>
 *
 * <h2>Why a fifth column</h2>
 * A crash can leave the last line of the active segment half written (or, after a power cut,
 * followed by blocks of zeros the file system had allocated). A line that merely ends early can
 * still be valid CSV with a shorter product id, so "does it end in a newline" is not enough. Each
 * line therefore carries the CRC32C of the bytes before its last comma. Ingest finds columns by
 * header name and ignores the extra one; recovery ({@link SegmentRecovery}) reads the active
 * segment, keeps it up to its last line with a good checksum and cuts off (and counts) the rest.
 *
 * <h2>Durability</h2>
 * {@link SegmentLog} writes through one writer thread that takes every batch waiting at that
 * moment and writes them with one {@code write} and one {@code fsync} (group commit, as in
 * PostgreSQL's WAL or Kafka's log): concurrent requests share the cost of a flush. {@link
 * FsyncPolicy#ALWAYS} acknowledges after the fsync (survives a power cut); {@link
 * FsyncPolicy#INTERVAL} after the write reached the operating system, with an fsync every
 * interval (survives the server being killed, not the machine losing power in that interval).
 * A failed write or fsync is rolled back (the segment truncated to its last committed byte) and
 * refused with {@link EventLogUnavailableException}, never acknowledged.
 *
 * <h2>Segments</h2>
 * {@code events-00000001.csv}, {@code events-00000002.csv}, ...: a new one starts when the active
 * one passes its size or age limit. Segments are only ever appended to; the only change to written
 * bytes is recovery cutting off a torn tail that was never acknowledged.
 */
package dev.aisle.events;
