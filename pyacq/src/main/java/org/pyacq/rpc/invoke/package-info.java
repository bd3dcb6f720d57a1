/** Part of rpc: server-side execution of remote requests against Java objects (imports, attribute walks, overloaded calls, Python special names); uses wire only. */
package org.pyacq.rpc.invoke;
