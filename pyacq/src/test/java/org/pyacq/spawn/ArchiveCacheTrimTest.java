package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive cache keeps its newest archives and drops old ones and dead trainings' leftovers. */
class ArchiveCacheTrimTest {
    @TempDir
    Path dir;

    private Path file(String name, long ageMinutes) throws IOException {
        Path f = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(ageMinutes)));
        return f;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void keepsTheNewestArchivesOfItsPrefixAndTheOneJustMade() throws IOException {
        for (int i = 1; i <= 6; i++) {
            file("child-" + i + ".jsa", i * 10L);   // child-1 is the newest
        }
        Path justMade = file("child-old-but-new.jsa", 500);   // an old time stamp: kept all the same
        file("launcher-1.jsa", 1000);                      // another prefix: not touched
        file("child-9.jsa.tmp-123-456", 120);              // a dead training's leftover
        file("child-8.jsa.tmp-124-457", 5);                // a training under way

        ClassDataSharing.keepNewest(dir, "child-", 3, justMade);

        assertEquals(List.of("child-1.jsa", "child-2.jsa", "child-8.jsa.tmp-124-457", "child-old-but-new.jsa",
                "launcher-1.jsa"), names());
    }

    @Test
    void aCacheWithinTheLimitIsLeftAlone() throws IOException {
        Path a = file("child-a.jsa", 1);
        file("child-b.jsa", 2);
        ClassDataSharing.keepNewest(dir, "child-", ClassDataSharing.KEPT_ARCHIVES, a);
        assertEquals(List.of("child-a.jsa", "child-b.jsa"), names());
    }
}
