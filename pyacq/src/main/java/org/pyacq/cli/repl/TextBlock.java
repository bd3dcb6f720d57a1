package org.pyacq.cli.repl;

import java.util.Objects;

/**
 * Text a builtin wants shown as it is (such as {@code help()}), not as a quoted string.
 *
 * @param text the text, printed verbatim
 */
record TextBlock(String text) {
    TextBlock {
        Objects.requireNonNull(text, "text");
    }
}
