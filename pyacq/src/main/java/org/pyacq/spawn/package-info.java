/** Spawning child JVMs that each run an RPC server: options, the bootstrap handshake, handles and supervision of their lives. */
package org.pyacq.spawn;
