/**
 * The pyacq command line (picocli): how people drive the daemon and its processes. The REPL
 * (JLine) is in {@code cli.repl}; what both use, and neither imports from the other, is in
 * {@code cli.present} (tables, values, log lines, spawn options) and {@code cli.session} (the
 * connection to the daemon).
 */
package org.pyacq.cli;
