/** Remote logging wire-compatible with Python pyacq: log server, sender appender, console output, child support. */
package org.pyacq.log;
