/** ZeroMQ sockets, polling, security (CURVE keys and authentication, plain mode) and connection handling: the only layer that touches JeroMQ. */
package org.pyacq.transport;
