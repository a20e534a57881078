package io.chainplay.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class JwtSecretTest {

    @Test
    void isMadeOnceAndKeptOwnerOnly(@TempDir Path data) throws Exception {
        String first = JwtSecret.of(data);
        String again = JwtSecret.of(data);

        assertThat(first).hasSizeGreaterThanOrEqualTo(43).isEqualTo(again);
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(data.resolve(JwtSecret.FILE))))
                .isEqualTo("rw-------");
        assertThat(JwtSecret.of(Files.createDirectory(data.resolve("other")))).isNotEqualTo(first);
    }

    @Test
    void replacesAKeyTooShortForTheApi(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve(JwtSecret.FILE), "short\n");

        assertThat(JwtSecret.of(data)).hasSizeGreaterThanOrEqualTo(43);
    }
}
