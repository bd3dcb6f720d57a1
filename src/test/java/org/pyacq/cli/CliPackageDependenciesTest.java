package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line's packages form no cycle: {@code cli} may use {@code cli.repl}, both use
 * {@code cli.present} and {@code cli.session}, and none of those names a package above it. Read
 * from the sources (a stand-in until a project-wide ArchUnit rule covers it).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliPackageDependenciesTest {
    private static final Path CLI = Path.of("src/main/java/org/pyacq/cli");
    /** A name in {@code org.pyacq.cli} itself (a class) or in {@code org.pyacq.cli.repl}. */
    private static final Pattern UPPER = Pattern.compile("org\\.pyacq\\.cli\\.(?:repl\\.)?[A-Z]\\w*");
    private static final Pattern CLI_CLASS = Pattern.compile("org\\.pyacq\\.cli\\.[A-Z]\\w*");

    private static List<String> uses(String subPackage, Pattern forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(CLI.resolve(subPackage))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = forbidden.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(file.getFileName() + " uses " + m.group());
                }
            }
        }
        return found;
    }

    @Test
    void theReplUsesNothingOfTheCommandLinePackage() throws IOException {
        assertEquals(List.of(), uses("repl", CLI_CLASS));
    }

    @Test
    void theSharedPackagesUseNeitherTheCommandLineNorTheRepl() throws IOException {
        assertEquals(List.of(), uses("present", UPPER));
        assertEquals(List.of(), uses("session", UPPER));
    }
}
