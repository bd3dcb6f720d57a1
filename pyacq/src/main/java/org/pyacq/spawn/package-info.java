/** Layer 5 of 7: spawning child JVMs that each run an RPC server (options, the bootstrap handshake, handles, warm spares); uses the layers below. */
package org.pyacq.spawn;
