package com.streamproc.shared.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.retry.TransientFailureException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentRequestsTest {
    private final ConcurrentRequests requests = ConcurrentRequests.upTo(4, "test-requests");

    @Test
    void resultsComeInInputOrderAndTasksRunAtOnce() {
        CountDownLatch allStarted = new CountDownLatch(4);

        List<String> results = requests.map(List.of(1, 2, 3, 4), n -> {
            allStarted.countDown();
            return n + (await(allStarted) ? " together" : " alone");
        }, n -> "failed");

        assertThat(results).containsExactly("1 together", "2 together", "3 together", "4 together");
    }

    @Test
    void noMoreTasksRunAtOnceThanTheBound() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        requests.map(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(5);
            return running.decrementAndGet();
        }, n -> -1);

        assertThat(most.get()).isBetween(1, 4);
    }

    @Test
    void aTransientFailureYieldsTheFailureResultForItsInputOnly() {
        List<String> results = requests.map(List.of(1, 2, 3), n -> {
            if (n == 2) {
                throw new TransientFailureException("throttled");
            }
            return "ok " + n;
        }, n -> "retry " + n);

        assertThat(results).containsExactly("ok 1", "retry 2", "ok 3");
    }

    @Test
    void aDeterministicFailureIsThrownOnceEveryTaskHasFinished() {
        AtomicInteger finished = new AtomicInteger();

        assertThatThrownBy(() -> requests.map(List.of(1, 2, 3), n -> {
            if (n == 1) {
                throw new IllegalArgumentException("refused");
            }
            sleep(20);
            return finished.incrementAndGet();
        }, n -> -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(finished.get()).isEqualTo(2);
    }

    @Test
    void anErrorInTheCallersTaskIsThrownOnlyOnceTheRequestsInFlightHaveFinished() {
        Thread caller = Thread.currentThread();
        CountDownLatch helperStarted = new CountDownLatch(1);
        AtomicInteger helperFinished = new AtomicInteger();

        assertThatThrownBy(() -> requests.map(List.of(1, 2), n -> {
            if (Thread.currentThread() == caller) {
                await(helperStarted);
                throw new OutOfMemoryError("the process is going down");
            }
            helperStarted.countDown();
            sleep(200);
            return helperFinished.incrementAndGet();
        }, n -> -1)).isInstanceOf(OutOfMemoryError.class);

        // Lambda freezes the sandbox once the handler returns: a request still in flight would be sent in the next
        // invocation, after that invocation's reads.
        assertThat(helperFinished.get()).isEqualTo(1);
    }

    @Test
    void theCallersOwnWorkRunsWhileEveryRequestIsInFlight() {
        Thread caller = Thread.currentThread();
        CountDownLatch allStarted = new CountDownLatch(3);
        CountDownLatch callerDone = new CountDownLatch(1);
        AtomicInteger onCaller = new AtomicInteger();

        List<String> results = requests.map(List.of(1, 2, 3), n -> {
            if (Thread.currentThread() == caller) {
                onCaller.incrementAndGet();
            }
            allStarted.countDown();
            return n + (await(callerDone) ? " overlapped" : " alone");
        }, n -> "failed", () -> {
            if (await(allStarted)) {
                callerDone.countDown();
            }
        });

        assertThat(results).containsExactly("1 overlapped", "2 overlapped", "3 overlapped");
        assertThat(onCaller.get()).isZero();
    }

    @Test
    void whenTheCallersOwnWorkFailsNoFurtherRequestStartsAndItIsThrownOnceTheRequestsInFlightHaveFinished() {
        ConcurrentRequests oneHelper = ConcurrentRequests.upTo(2, "test-meanwhile");
        CountDownLatch firstStarted = new CountDownLatch(1);
        List<Integer> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger finished = new AtomicInteger();

        assertThatThrownBy(() -> oneHelper.map(List.of(1, 2, 3), n -> {
            started.add(n);
            firstStarted.countDown();
            sleep(200);
            return finished.incrementAndGet();
        }, n -> -1, () -> {
            await(firstStarted);
            throw new IllegalStateException("the caller's work failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the caller's work failed");

        assertThat(started).containsExactly(1);
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void withoutConcurrencyTheCallersOwnWorkRunsBeforeTheRequests() {
        List<String> order = new java.util.ArrayList<>();

        List<Integer> results = ConcurrentRequests.upTo(1).map(List.of(1, 2), n -> {
            order.add("request " + n);
            return n;
        }, n -> -1, () -> order.add("own work"));

        assertThat(results).containsExactly(1, 2);
        assertThat(order).containsExactly("own work", "request 1", "request 2");
    }

    @Test
    void aMapInsideATaskFinishesWhenEveryThreadIsBusy() {
        ConcurrentRequests oneHelper = ConcurrentRequests.upTo(2, "test-nested");

        List<List<Integer>> results = oneHelper.map(List.of(10, 20, 30), outer -> oneHelper.map(List.of(1, 2, 3),
                inner -> {
                    sleep(2);
                    return outer + inner;
                }, inner -> -1), outer -> List.of());

        assertThat(results).containsExactly(List.of(11, 12, 13), List.of(21, 22, 23), List.of(31, 32, 33));
    }

    @Test
    void aTaskAlongsideRunsWhileTheCallerWorks() {
        CountDownLatch callerWorking = new CountDownLatch(1);

        CompletableFuture<String> alongside = requests.alongside(() -> await(callerWorking) ? "overlapped" : "alone");
        callerWorking.countDown();

        assertThat(alongside.join()).isEqualTo("overlapped");
    }

    @Test
    void withoutConcurrencyTheTaskAlongsideRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();

        CompletableFuture<Boolean> onCaller = ConcurrentRequests.upTo(1).alongside(
                () -> Thread.currentThread() == caller);

        assertThat(onCaller).isCompletedWithValue(true);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
