/** Layer 1 of 7: frames, actions and value encodings of the pyacq wire protocol (msgpack and JSON); knows nothing of sockets. */
package org.pyacq.wire;
