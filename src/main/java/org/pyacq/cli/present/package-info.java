/**
 * What the command line and the REPL show and take alike: the process table, the value printer,
 * the spawn options and their converters. Imports neither {@code org.pyacq.cli} nor {@code org.pyacq.cli.repl}.
 */
package org.pyacq.cli.present;
