/** The pyacq command line (picocli) and the interactive REPL (JLine): how people drive the daemon and its processes. */
package org.pyacq.cli;
