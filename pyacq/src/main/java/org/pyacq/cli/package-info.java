/** Layer 7 of 7: the pyacq and pyacqd commands (picocli); starts the REPL of {@code cli.repl}, which does not use this package. */
package org.pyacq.cli;
