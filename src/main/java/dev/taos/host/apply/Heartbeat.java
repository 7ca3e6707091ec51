package dev.taos.host.apply;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Calls back every {@code interval} while a long piece of work runs, with the time since it began: what keeps a step
 * that waits on apt or Incus visibly alive. One daemon thread serves every heartbeat; once {@link #close()} returns, no
 * beat runs or starts, so nothing is printed after the work's own next line.
 */
public final class Heartbeat implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "taos-host-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private final Object lock = new Object();
    private boolean closed;
    private ScheduledFuture<?> beating;

    private Heartbeat() {}

    public static Heartbeat every(Duration interval, Consumer<Duration> beat) {
        Heartbeat heartbeat = new Heartbeat();
        long start = System.nanoTime();
        heartbeat.beating = TIMER.scheduleAtFixedRate(
                () -> {
                    synchronized (heartbeat.lock) {
                        if (!heartbeat.closed) {
                            beat.accept(Duration.ofNanos(System.nanoTime() - start));
                        }
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        beating.cancel(false);
    }
}
