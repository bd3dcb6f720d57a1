/**
 * Layer 2 of 7: sockets (JeroMQ, plain and CURVE), polling, security and keys, the process's
 * identity and default security, and connection handling. The only layer that names JeroMQ: others
 * use its own types ({@link org.pyacq.transport.PullReceiver}, {@link org.pyacq.transport.PushSender},
 * {@link org.pyacq.transport.Publisher}, {@link org.pyacq.transport.Subscriber},
 * {@link org.pyacq.transport.BootstrapLink}), except the rpc socket owners that the architecture
 * test lists while they are rewritten. Uses nothing of pyacq.
 */
package org.pyacq.transport;
