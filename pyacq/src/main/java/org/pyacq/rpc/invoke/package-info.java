/** Server-side execution of remote requests against Java objects: imports, attribute walks, overloaded calls and Python special names. */
package org.pyacq.rpc.invoke;
