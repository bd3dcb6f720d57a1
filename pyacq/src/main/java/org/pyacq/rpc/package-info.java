/** The library users embed: RpcServer, RpcClient, ObjectProxy, futures and the RPC exceptions. */
package org.pyacq.rpc;
