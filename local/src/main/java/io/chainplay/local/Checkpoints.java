package io.chainplay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint a restarted job resumes from.
 *
 * <p>Flink keeps retained checkpoints as {@code <dir>/<job id>/chk-<n>/_metadata}, and a new run
 * has a new job id, so nothing picks the last one up by itself: the launcher passes the newest
 * complete one (its {@code _metadata} written) as {@code execution.state-recovery.path}.
 */
final class Checkpoints {

    private Checkpoints() {}

    static Optional<Path> latest(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completed)
                    .max(Comparator.comparing(Checkpoints::writtenAt));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + checkpointDir, e);
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> entries = Files.list(jobDir)) {
            return entries
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime writtenAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
