/** Layer 6 of 7: pyacqd, the daemon that supervises child JVMs, hosts their logs and publishes a control object, and the clients' side (DaemonLocator, DaemonSession, DaemonLauncher). */
package org.pyacq.daemon;
