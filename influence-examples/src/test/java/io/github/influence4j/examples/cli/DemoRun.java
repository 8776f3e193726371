package io.github.influence4j.examples.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.influence4j.core.store.StoreSpec;
import io.github.influence4j.core.store.file.ArtifactStores;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny demo run shared by the tests that need a real file store. */
final class DemoRun {
    static final String[] TINY = {"--examples", "300", "--planted", "6", "--epochs", "4", "--seeds", "1",
        "--fractions", "0.3"};

    private DemoRun() {
    }

    /** Skips the test where the file store has not landed on this branch yet. */
    static void assumeFileStore(Path tmp) {
        boolean ok;
        try (var w = ArtifactStores.create(tmp.resolve("probe-store"), StoreSpec.of("probe", 1, 2))) {
            ok = true;
        } catch (UnsupportedOperationException e) {
            ok = false;
        }
        assumeTrue(ok, "the file store is not implemented on this branch yet");
    }

    static CliRun run(Path dir) {
        String[] args = new String[TINY.length + 3];
        args[0] = "demo";
        args[1] = "--dir";
        args[2] = dir.toString();
        System.arraycopy(TINY, 0, args, 3, TINY.length);
        return CliRun.of(args);
    }

    static Path store(Path dir) {
        Path s = dir.resolve("store");
        if (!Files.isRegularFile(s.resolve("manifest.json"))) {
            throw new IllegalStateException("demo wrote no store at " + s);
        }
        return s;
    }
}
