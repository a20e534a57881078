package io.chainplay.local;

import io.chainplay.pipelines.common.JobConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Flink cluster in this JVM, with the web dashboard, that runs each Chainplay job as its own job:
 * submitted over the cluster's REST API as {@code flink run} would, with its own checkpoints,
 * resumed from its newest retained checkpoint.
 */
final class LocalFlink implements AutoCloseable {

    private final MiniCluster cluster;
    private final int port;
    private final int parallelism;
    private final boolean rocksdb;

    private LocalFlink(MiniCluster cluster, int port, int parallelism, boolean rocksdb) {
        this.cluster = cluster;
        this.port = port;
        this.parallelism = parallelism;
        this.rocksdb = rocksdb;
    }

    /** Starts a cluster with enough slots for {@code jobs} jobs at {@code parallelism}. */
    static LocalFlink start(int port, int jobs, int parallelism, boolean rocksdb) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.PORT, port);
        conf.set(RestOptions.BIND_PORT, Integer.toString(port));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, jobs * parallelism);
        if (rocksdb) {
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        }
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(jobs * parallelism)
                                .build());
        cluster.start();
        return new LocalFlink(cluster, port, parallelism, rocksdb);
    }

    int port() {
        return port;
    }

    /**
     * Builds and submits one job.
     *
     * @param name the job's name, also its checkpoint directory under {@code checkpoints}
     * @param jobConf the job's own settings
     * @param resume whether to restore the newest retained checkpoint
     * @param build adds the job's operators
     * @return the job's client, and the checkpoint it resumed from, if any
     */
    Submitted submit(
            String name,
            Path checkpoints,
            Configuration jobConf,
            boolean resume,
            Consumer<StreamExecutionEnvironment> build)
            throws Exception {
        Configuration conf = Configuration.fromMap(JobConfig.defaults());
        conf.addAll(jobConf);
        conf.set(DeploymentOptions.TARGET, "remote");
        conf.set(DeploymentOptions.ATTACHED, false);
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.PORT, port);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        Path dir = checkpoints.resolve(name);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        if (rocksdb) {
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        }
        Optional<Path> resumeFrom = resume ? Checkpoints.latest(dir) : Optional.empty();
        resumeFrom.ifPresent(
                path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        build.accept(env);
        return new Submitted(name, env.executeAsync(name), resumeFrom);
    }

    /** Cancels a job and waits until its tasks have stopped. */
    static void cancel(JobClient job) throws Exception {
        // The newest checkpoint is kept (RETAIN_ON_CANCELLATION); the next run resumes from it.
        if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            return;
        }
        job.cancel().get(30, TimeUnit.SECONDS);
        // cancel() returns once the request is accepted; wait until the tasks have stopped
        // writing before Kafka and Postgres go away.
        for (int i = 0; i < 120; i++) {
            try {
                if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    return;
                }
            } catch (ExecutionException e) {
                return; // the cluster no longer knows the job: it has ended
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /**
     * A submitted job.
     *
     * @param name its name
     * @param client its client
     * @param resumedFrom the checkpoint it restored, if any
     */
    record Submitted(String name, JobClient client, Optional<Path> resumedFrom) {}
}
