package com.streamproc.local.esm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A running Kinesis event source mapping: one reader thread per shard and one worker thread per lane
 * ({@code ParallelizationFactor} per shard), each worker running its lane's batches one after another through a
 * {@link BatchRunner}. The rules live in {@link ShardPoller}, {@link Lane} and {@link BatchRunner}; this class only
 * adds threads.
 */
public final class EventSourceMapping implements AutoCloseable {

    /** The shards of the mapped stream. */
    public interface StreamShards {
        List<String> shardIds() throws Exception;

        ShardReader open(String shardId, StartingPosition position, Instant timestamp) throws Exception;
    }

    /** How long a reader waits after an empty read (Lambda polls an idle shard about once a second). */
    static final Duration IDLE_POLL = Duration.ofMillis(250);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Duration WORKER_WAKE = Duration.ofMillis(200);

    private final String name;
    private final EsmSettings settings;
    private final SourceIdentity source;
    private final StreamShards shards;
    private final FunctionInvoker invoker;
    private final FailureDestination destination;
    private final EsmListener listener;
    private final Clock clock;
    private final Consumer<String> log;
    private final BatchRunner.Pause retryPause;
    private final List<Thread> threads = new ArrayList<>();
    private final List<ShardPoller> pollers = new ArrayList<>();
    private volatile boolean stopped;

    public EventSourceMapping(String name, EsmSettings settings, SourceIdentity source, StreamShards shards,
                              FunctionInvoker invoker, FailureDestination destination, EsmListener listener,
                              Clock clock, Consumer<String> log) {
        this(name, settings, source, shards, invoker, destination, listener, clock, log, BatchRunner.Pause.SLEEP);
    }

    /** @param retryPause the wait between retries of a failed batch (tests pass {@link BatchRunner.Pause#NONE}) */
    public EventSourceMapping(String name, EsmSettings settings, SourceIdentity source, StreamShards shards,
                              FunctionInvoker invoker, FailureDestination destination, EsmListener listener,
                              Clock clock, Consumer<String> log, BatchRunner.Pause retryPause) {
        this.retryPause = Objects.requireNonNull(retryPause, "retryPause");
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
        this.shards = Objects.requireNonNull(shards, "shards");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    public String name() {
        return name;
    }

    public EsmSettings settings() {
        return settings;
    }

    /** Opens every shard at the starting position and starts the threads. */
    public synchronized void start() throws Exception {
        BatchRunner runner = new BatchRunner(settings, source, invoker, destination, listener, clock,
                retryPause, () -> UUID.randomUUID().toString(), () -> stopped);
        for (String shardId : shards.shardIds()) {
            ShardReader reader = shards.open(shardId, settings.startingPosition(),
                    settings.startingPositionTimestamp());
            ShardPoller poller = new ShardPoller(shardId, reader, settings, listener, clock);
            pollers.add(poller);
            threads.add(thread(name + "-" + shardId + "-reader", () -> readLoop(poller)));
            List<Lane> lanes = poller.lanes();
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                threads.add(thread(name + "-" + shardId + "-lane" + i, () -> laneLoop(shardId, lane, runner)));
            }
        }
        threads.forEach(Thread::start);
    }

    /** Records read and waiting for a batch, over all shards. */
    public int buffered() {
        synchronized (this) {
            return pollers.stream().mapToInt(ShardPoller::buffered).sum();
        }
    }

    private Thread thread(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private void readLoop(ShardPoller poller) {
        // Keep a bounded backlog in memory: as Lambda, read ahead only a few batches per lane.
        int maxBacklog = Math.max(settings.batchSize() * settings.parallelizationFactor() * 4, 1_000);
        while (!stopped) {
            try {
                if (poller.buffered() >= maxBacklog) {
                    Thread.sleep(50);
                    continue;
                }
                int read = poller.readOnce(maxBacklog - poller.buffered());
                if (read == 0) {
                    Thread.sleep(IDLE_POLL.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                log.accept(name + ": reading " + poller.shardId() + " failed, retrying: " + e);
                sleepQuietly(ERROR_BACKOFF);
            }
        }
    }

    private void laneLoop(String shardId, Lane lane, BatchRunner runner) {
        while (!stopped) {
            try {
                Duration until = lane.untilReady(clock.instant());
                if (until == null || !until.isZero()) {
                    Duration wait = until == null || until.compareTo(WORKER_WAKE) > 0 ? WORKER_WAKE : until;
                    lane.awaitChange(wait);
                    continue;
                }
                List<StreamRecord> batch = lane.takeReady(clock.instant());
                if (!batch.isEmpty()) {
                    runner.run(shardId, batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A bug or a broken destination must not kill the lane silently.
                log.accept(name + ": lane of " + shardId + " failed: " + e);
                sleepQuietly(ERROR_BACKOFF);
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading and invoking; a batch in flight is abandoned (not checkpointed), as on a real shutdown. */
    @Override
    public void close() {
        stopped = true;
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        all.forEach(Thread::interrupt);
        for (Thread thread : all) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
