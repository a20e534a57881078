package io.chainplay.statefun.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestorePointsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir Path data;

    @Test
    void nothingToRestoreFromAnEmptyOrMissingDir() {
        assertThat(RestorePoints.latestCheckpoint(data.resolve("checkpoints"))).isEmpty();
        assertThat(RestorePoints.latest(data.resolve("checkpoints"), data.resolve("savepoints")))
                .isEmpty();
    }

    @Test
    void newestCompleteCheckpointAcrossJobRunsWins() throws IOException {
        Path checkpoints = data.resolve("checkpoints");
        complete(checkpoints.resolve("job-a/chk-9"), T0);
        Path newest = complete(checkpoints.resolve("job-b/chk-3"), T0.plusSeconds(60));
        // Being written when the JVM died: no _metadata.
        Files.createDirectories(checkpoints.resolve("job-b/chk-4"));
        Files.createDirectories(checkpoints.resolve("job-b/shared"));

        assertThat(RestorePoints.latestCheckpoint(checkpoints)).contains(newest);
    }

    @Test
    void sameTimeGoesToTheHigherCheckpointNumber() throws IOException {
        Path checkpoints = data.resolve("checkpoints");
        complete(checkpoints.resolve("job/chk-2"), T0);
        Path higher = complete(checkpoints.resolve("job/chk-3"), T0);

        assertThat(RestorePoints.latestCheckpoint(checkpoints)).contains(higher);
    }

    @Test
    void aSavepointNewerThanTheLastCheckpointIsPicked() throws IOException {
        complete(data.resolve("checkpoints/job/chk-5"), T0);
        Path savepoint =
                complete(data.resolve("savepoints/savepoint-ab12-cd34"), T0.plusSeconds(5));

        assertThat(RestorePoints.latest(data.resolve("checkpoints"), data.resolve("savepoints")))
                .contains(savepoint);
        assertThat(RestorePoints.latestSavepoint(data.resolve("savepoints"))).contains(savepoint);
    }

    @Test
    void aLaterCheckpointBeatsAnOlderSavepoint() throws IOException {
        complete(data.resolve("savepoints/savepoint-ab12-cd34"), T0);
        Path checkpoint = complete(data.resolve("checkpoints/job/chk-8"), T0.plusSeconds(30));

        assertThat(RestorePoints.latest(data.resolve("checkpoints"), data.resolve("savepoints")))
                .contains(checkpoint);
    }

    private static Path complete(Path dir, Instant written) throws IOException {
        Files.createDirectories(dir);
        Path metadata = Files.write(dir.resolve("_metadata"), new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return dir;
    }
}
