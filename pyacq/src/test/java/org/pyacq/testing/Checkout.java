package org.pyacq.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in the source checkout the tests run from (the product module's directory or the root). */
public final class Checkout {
    private Checkout() {
    }

    /** The checkout's root: the directory with {@code bin/pyacq-launch.sh} and the aggregator pom. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/pyacq-launch.sh")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout root (bin/pyacq-launch.sh) above " + start);
    }

    /** The product module's directory ({@code pyacq/}). */
    public static Path productModule() {
        return root().resolve("pyacq");
    }

    /** The runnable product jar that {@code mvn package} makes and bin/ runs. */
    public static Path productJar() {
        return productModule().resolve("target/pyacq.jar");
    }
}
