package org.pyacq.cli.repl;

import java.util.Objects;

/**
 * A dotted name in a process not yet imported: {@code w.java.util} while the user is still
 * writing {@code w.java.util.ArrayList}. Attribute access makes it longer; any other use imports
 * it (see {@link ProcessImports}).
 *
 * @param process the process the name is imported in
 * @param dotted the name, e.g. {@code java.util}
 */
record ImportPath(ProcessValue process, String dotted) {
    ImportPath {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(dotted, "dotted");
    }

    ImportPath child(String name) {
        return new ImportPath(process, dotted + "." + name);
    }
}
