package io.chainplay.devnet.extended;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devnet's main code must not use our exchange client (a test dependency only): its checks are
 * worth something only while they are written independently of the signer they check.
 */
class VerifierIndependenceTest {

    @Test
    void mainCodeDoesNotImportTheExchangeClient() throws IOException {
        Path main = Path.of("src/main/java/io/chainplay/devnet/extended");
        assertThat(main).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> read(p).contains("io.chainplay.connectors"))
                            .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
