/**
 * The event log on a Kafka topic ({@code aisle serve --event-log kafka://HOST:PORT/TOPIC}), for
 * several Aisle servers behind one load balancer: each stores the events it accepts on the topic
 * ({@link KafkaEventLog#append}: {@code acks=all}, idempotent producer) and follows it for the
 * events the others accepted, so every server folds the same stream into its live sessions and
 * fresh index. A record's value is the event's line of the file log ({@link
 * dev.aisle.events.EventLine}), so the topic's values written to a file ({@link TopicExport}, or
 * any Kafka sink that writes values one per line under the header) are a segment {@code aisle
 * ingest} and {@code aisle retrain} read.
 *
 * <p>In its own module so that kafka-clients reaches only the command line, not the core or the
 * server.
 */
package dev.aisle.kafka;
