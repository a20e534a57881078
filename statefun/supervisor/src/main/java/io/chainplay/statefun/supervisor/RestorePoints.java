package io.chainplay.statefun.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what a restarted StateFun job should restore from: Flink itself never looks.
 *
 * <p>Retained checkpoints live at {@code <checkpoints>/<job id>/chk-N/_metadata}, one job-id
 * directory per run; savepoints at {@code <savepoints>/savepoint-<id>/_metadata}. A directory
 * without {@code _metadata} is a checkpoint or savepoint that was still being written when the JVM
 * died, and is never a restore point.
 */
public final class RestorePoints {

    static final String METADATA = "_metadata";

    private RestorePoints() {}

    /** The newest complete retained checkpoint ({@code chk-N}) under the checkpoints dir. */
    public static Optional<Path> latestCheckpoint(Path checkpointsDir) {
        return newest(candidates(checkpointsDir, 2, "chk-"));
    }

    /** The newest complete savepoint under the savepoints dir. */
    public static Optional<Path> latestSavepoint(Path savepointsDir) {
        return newest(candidates(savepointsDir, 1, "savepoint-"));
    }

    /**
     * The newest complete checkpoint or savepoint: the latest consistent state, which is what a
     * restart should continue from. A savepoint taken with cancel is newer than the job's last
     * retained checkpoint, so after savepoint-and-cancel this picks the savepoint.
     */
    public static Optional<Path> latest(Path checkpointsDir, Path savepointsDir) {
        return newest(
                Stream.concat(
                        candidates(checkpointsDir, 2, "chk-"),
                        candidates(savepointsDir, 1, "savepoint-")));
    }

    private static Stream<Path> candidates(Path root, int depth, String prefix) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk
                    .filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    /** By _metadata write time; the checkpoint number breaks ties (same millisecond). */
    private static Optional<Path> newest(Stream<Path> candidates) {
        return candidates.max(
                Comparator.comparing((Path p) -> metadataTime(p))
                        .thenComparingLong(RestorePoints::checkpointNumber));
    }

    private static FileTime metadataTime(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long checkpointNumber(Path dir) {
        String name = dir.getFileName().toString();
        if (name.startsWith("chk-")) {
            try {
                return Long.parseLong(name.substring(4));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
