/** ZeroMQ sockets, polling, security and connection handling: the only layer that touches JeroMQ. */
package org.pyacq.transport;
