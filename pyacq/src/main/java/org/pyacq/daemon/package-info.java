/** pyacqd: the long-running daemon that supervises child JVMs, hosts their logs and publishes a control object. */
package org.pyacq.daemon;
