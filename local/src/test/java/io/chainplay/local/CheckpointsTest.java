package io.chainplay.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointsTest {

    @Test
    void findsTheNewestCompleteCheckpointAcrossJobs(@TempDir Path dir) throws Exception {
        Path older = checkpoint(dir, "job-a", "chk-40", 1_000);
        Path newest = checkpoint(dir, "job-b", "chk-3", 2_000);
        Files.createDirectories(dir.resolve("job-b/chk-4")); // in progress: no _metadata yet
        Files.createDirectories(dir.resolve("job-b/shared"));

        assertThat(Checkpoints.latest(dir)).contains(newest);
        assertThat(older).exists();
    }

    @Test
    void findsNoneInAnEmptyOrMissingDirectory(@TempDir Path dir) {
        assertThat(Checkpoints.latest(dir)).isEmpty();
        assertThat(Checkpoints.latest(dir.resolve("missing"))).isEmpty();
    }

    private static Path checkpoint(Path dir, String job, String name, long modified)
            throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve(job).resolve(name));
        Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modified));
        return checkpoint;
    }
}
