package io.chainplay.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data dir>/endpoints.properties}: where a running {@code ./chainplay up} listens, for
 * other commands and scripts ({@code ./chainplay tail}). Removed when it stops.
 */
final class Endpoints {

    private static final String FILE = "endpoints.properties";

    private Endpoints() {}

    static void write(Path dataDir, Map<String, String> endpoints) {
        Properties props = new Properties();
        props.putAll(endpoints);
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(FILE))) {
            props.store(out, "Where ./chainplay up listens; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Properties> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(props);
    }

    static void delete(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(FILE));
    }
}
