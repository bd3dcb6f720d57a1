/**
 * The benchmark harness: our RPC against a raw JeroMQ DEALER/ROUTER pair and Java RMI, with the
 * servers in a child JVM ({@link org.pyacq.bench.BenchServer}) and the clients in this one
 * ({@link org.pyacq.bench.Bench}).
 */
package org.pyacq.bench;
