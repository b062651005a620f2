package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How test classes using the extension behave for each backend decision, run through the JUnit engine.
 * The nested classes are inputs, not tests of their own (surefire and failsafe skip nested classes).
 */
class EmulatorStackExtensionTest {

    private static final AtomicInteger selections = new AtomicInteger();
    private static final AtomicInteger starts = new AtomicInteger();
    private static final List<String> reached = new CopyOnWriteArrayList<>();
    private static final List<String> printed = new CopyOnWriteArrayList<>();
    private static volatile Supplier<Backend> decision;

    private static EmulatorStackExtension extension() {
        return new EmulatorStackExtension(() -> {
            selections.incrementAndGet();
            return decision.get();
        }, backend -> {
            starts.incrementAndGet();
            throw new IllegalStateException("no stack in unit tests");
        }, printed::add);
    }

    @BeforeEach
    void reset() {
        selections.set(0);
        starts.set(0);
        reached.clear();
        printed.clear();
    }

    @Test
    void unavailableBackendSkipsEveryClassWithItsReasonWithoutStartingAnything() {
        decision = () -> new Backend.Unavailable(BackendSelection.NO_DOCKER);

        EngineExecutionResults results = run(OrdersLikeIT.class, ActivityLikeIT.class);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(OrdersLikeIT.class), skippedWithReason(BackendSelection.NO_DOCKER)))
                .haveExactly(1, event(container(ActivityLikeIT.class), skippedWithReason(BackendSelection.NO_DOCKER)));
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(reached).isEmpty();
        assertThat(starts).hasValue(0);
    }

    @Test
    void backendIsDecidedAndTheSkipReasonPrintedOncePerRun() {
        decision = () -> new Backend.Unavailable(BackendSelection.NO_AUTH_TOKEN);

        run(OrdersLikeIT.class, ActivityLikeIT.class);

        assertThat(selections).hasValue(1);
        assertThat(printed).containsExactly("[EmulatorStackExtension] SKIPPED: " + BackendSelection.NO_AUTH_TOKEN);
    }

    @Test
    void failedStartFailsTheTestsThatNeedTheStackAndIsAttemptedOnce() {
        decision = Backend.NodeEmulators::new;

        EngineExecutionResults results = run(OrdersLikeIT.class, ActivityLikeIT.class);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(OrdersLikeIT.class), finishedWithFailure(
                        message(m -> m.contains("Cannot start the local emulators (kinesis-mock, dynalite)")
                                && m.contains("no stack in unit tests")))));
        assertThat(starts).hasValue(1);
        assertThat(reached).isEmpty();
        assertThat(printed).isEmpty();
    }

    @Test
    void invalidBackendPropertyFailsTheClassWithTheReason() {
        decision = () -> {
            throw new IllegalArgumentException("-Dstreamproc.backend=moto is not a backend");
        };

        EngineExecutionResults results = run(OrdersLikeIT.class);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(OrdersLikeIT.class),
                        finishedWithFailure(message(m -> m.contains("-Dstreamproc.backend=moto is not a backend")))));
        assertThat(reached).isEmpty();
    }

    private static EngineExecutionResults run(Class<?>... classes) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
                .execute();
    }

    static class OrdersLikeIT {
        @RegisterExtension
        static final EmulatorStackExtension EMULATORS = extension();

        @BeforeAll
        static void createTables(EmulatorStack stack) {
            reached.add("orders @BeforeAll");
        }

        @Test
        void writesOrders(EmulatorStack stack) {
            reached.add("orders test");
        }
    }

    static class ActivityLikeIT {
        @RegisterExtension
        static final EmulatorStackExtension EMULATORS = extension();

        ActivityLikeIT(EmulatorStack stack) {
            reached.add("activity constructor");
        }

        @Test
        void writesActivity() {
            reached.add("activity test");
        }
    }
}
