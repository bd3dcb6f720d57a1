/** A command's connection to the daemon, shared by the command line and the REPL. */
package org.pyacq.cli.session;
