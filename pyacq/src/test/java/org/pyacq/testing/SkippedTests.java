package org.pyacq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints, at the end of a build, which tests were skipped and why (the reasons {@link Requirements}
 * gives, such as the Debian package to install), read from the surefire and failsafe XML reports:
 * Maven's own summary only counts them. Prints nothing when nothing was skipped.
 *
 * <p>Run by the last module's build ({@code exec:java}); arguments are report directories.
 */
public final class SkippedTests {
    private static final Pattern TEST_CASE = Pattern.compile(
            "<testcase name=\"([^\"]*)\" classname=\"([^\"]*)\"[^>]*>\\s*<skipped(?: message=\"([^\"]*)\")?[^>]*?(?:/>|>(?:<!\\[CDATA\\[)?([^\\n<]*))");

    private SkippedTests() {
    }

    public static void main(String[] args) {
        Map<String, Integer> byReason = new TreeMap<>();
        int skipped = 0;
        for (String dir : args) {
            Path reports = Path.of(dir);
            if (!Files.isDirectory(reports)) {
                continue;
            }
            try (Stream<Path> files = Files.list(reports)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("TEST-")
                        && p.toString().endsWith(".xml"))::iterator) {
                    Matcher m = TEST_CASE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        skipped++;
                        String reason = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
                        reason = reason.replace("org.opentest4j.TestAbortedException: ", "")
                                .replace("Assumption failed: ", "").replace("skipped: ", "").replace("&apos;", "'").replace("&quot;", "\"")
                                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
                        byReason.merge(simpleName(m.group(2)) + ": " + (reason.isEmpty() ? "no reason given" : reason),
                                1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the test reports in " + reports, e);
            }
        }
        if (skipped == 0) {
            return;
        }
        System.out.println("[pyacq] " + skipped + " test" + (skipped == 1 ? " was" : "s were") + " skipped:");
        byReason.forEach((reason, n) -> System.out.println("[pyacq]   " + n + " x " + reason));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
