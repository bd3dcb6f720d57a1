/** Layer 4 of 7: remote logging wire-compatible with Python pyacq (log server, sender appender, console output, child support); uses wire and transport. */
package org.pyacq.log;
