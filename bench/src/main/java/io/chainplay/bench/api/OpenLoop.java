package io.chainplay.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load: requests start on a fixed schedule ({@code rate} per second) whether or
 * not earlier ones have answered, and each latency is measured from the request's scheduled start,
 * so a stall is charged to every request it delays (no coordinated omission).
 */
final class OpenLoop {

    record Result(Latencies latencies, long errors, double achievedRate, long late) {}

    private OpenLoop() {}

    /**
     * Runs {@code rate} requests/s for {@code duration}.
     *
     * @param paths the i-th request's path and query
     */
    static Result run(String base, int rate, Duration duration, IntFunction<String> paths)
            throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(executor)
                        .build();
        int total = (int) (rate * duration.toSeconds());
        long interval = 1_000_000_000L / rate;
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong late = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            if (-wait > 1_000_000) {
                late.incrementAndGet(); // the generator itself fell behind by more than 1 ms
            }
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(base + paths.apply(i)))
                            .timeout(Duration.ofSeconds(10))
                            .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete(
                            (response, error) -> {
                                long took = System.nanoTime() - scheduled;
                                synchronized (latencies) {
                                    latencies.record(took);
                                }
                                if (error != null || response.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                                done.countDown();
                            });
        }
        long sent = System.nanoTime();
        done.await(30, TimeUnit.SECONDS);
        executor.shutdownNow();
        double achieved = total / ((sent - start) / 1e9);
        return new Result(latencies, errors.get(), achieved, late.get());
    }
}
