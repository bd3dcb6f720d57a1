/**
 * The pyacq REPL: a small expression language over the daemon's processes, with {@code :commands},
 * JLine line editing, history and completion. Entry points are in {@link org.pyacq.cli.repl.Repl}.
 * Part of the cli layer, below its commands: it uses daemon, rpc and wire, never {@code org.pyacq.cli}.
 *
 * <h2>Grammar</h2>
 * <pre>
 * input      := command | statement | (empty)
 * command    := ':' NAME words...                  (parsed by picocli: :spawn :ps :stop :kill :logs
 *                                                   :inspect :trace :vars :help :quit)
 * statement  := target '=' expr | expr
 * target     := NAME | postfix '.' NAME | postfix '[' expr ']'
 * expr       := 'async' expr                       (expr must end in a call or index)
 *             | 'await' expr
 *             | postfix
 * postfix    := primary ( '.' NAME | '(' [expr (',' expr)* [',']] ')' | '[' expr ']' )*
 * primary    := NUMBER | '-' NUMBER | STRING | 'true' | 'false' | 'null' | NAME
 *             | '[' [expr (',' expr)* [',']] ']'
 *             | '{' [expr ':' expr (',' expr ':' expr)* [',']] '}'
 *             | '(' expr ')'
 * </pre>
 * Attribute access, calls and indexing bind tightest and apply left to right; {@code async} and
 * {@code await} apply to the whole postfix expression after them. Keywords may be used as member
 * names after a dot ({@code latch.await()}).
 *
 * <h2>Tokens</h2>
 * NAME is a Java identifier; NUMBER is a decimal integer (64 bits), {@code 0x} hexadecimal, or a
 * float ({@code 1.5}, {@code 1e-3}); STRING is quoted with {@code "} or {@code '} and knows the
 * escapes {@code \n \t \r \b \f \0 \\ \" \' \}uXXXX and a backslash-newline. {@code #} starts a
 * comment. Input with an open bracket or string is incomplete: the reader asks for another line.
 *
 * <h2>Meaning</h2>
 * Names are variables, then builtins ({@code spawn process ps len value help}). A process value
 * turns attribute chains into dotted import names in that process ({@code w.java.util.ArrayList};
 * the shortest prefix the server imports is imported, the rest walked), except {@code w.self}
 * and {@code w.published("name")}. On a proxy, {@code a.b} is deferred until called, indexed or
 * printed; {@code x[k]} is {@code __getitem__} remotely or an item of a local list, map or string.
 * {@code async call} gives a future without waiting; {@code await f} waits for it.
 */
package org.pyacq.cli.repl;
