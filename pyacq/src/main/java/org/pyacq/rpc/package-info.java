/** Layer 3 of 7, the library users embed: RpcServer, RpcClient, ObjectProxy, futures and the RPC exceptions (uses wire and transport). */
package org.pyacq.rpc;
