/**
 * The event log on a Kafka topic ({@code aisle serve --event-log kafka://HOST:PORT/TOPIC}), for
 * several Aisle servers behind one load balancer.
 */
package dev.aisle.kafka;
