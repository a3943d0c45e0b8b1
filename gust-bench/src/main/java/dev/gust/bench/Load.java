package dev.gust.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Drives HTTP load at an endpoint: latency at one connection, throughput at many. */
final class Load {
    private Load() {
    }

    /** @return per-request latencies in nanoseconds, after {@code warmup} unmeasured requests */
    static long[] latencies(int port, String path, int warmup, int requests) throws IOException {
        try (HttpProbe probe = new HttpProbe(port, path)) {
            for (int i = 0; i < warmup; i++) {
                check(probe.get());
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                check(probe.get());
                nanos[i] = System.nanoTime() - t0;
            }
            return nanos;
        }
    }

    /** @return successful requests per second over {@code seconds} with {@code connections} clients */
    static double throughput(int port, String path, int connections, double seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(Thread.ofPlatform().start(() -> client(port, path, start, window, done, failed)));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        start.countDown();
        for (Thread t : clients) {
            t.join(120_000);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests failed under load");
        }
        return done.get() / seconds;
    }

    private static void client(int port, String path, CountDownLatch start, long[] window, AtomicLong done,
            AtomicLong failed) {
        try (HttpProbe probe = new HttpProbe(port, path)) {
            start.await();
            while (System.nanoTime() < window[1]) {
                if (probe.get() == 200) {
                    done.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("benchmark request answered " + status);
        }
    }
}
