package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.activity.domain.UserDayKey;
import com.streamproc.activity.testing.ActivityHarness;
import com.streamproc.activity.testing.InMemoryActivityStore;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.SampleEvents;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample batch in {@code events/activity-tracking} (the Lambda JSON that {@code sam local invoke -e} sends),
 * loaded with the Lambda runtime's serializer and run through the real handler, ends as the {@code expect} of each
 * line of its readable {@code .jsonl} source says.
 */
class SampleEventsTest {
    private static final SampleEvents SAMPLES = new SampleEvents("activity-tracking");

    private final InMemoryActivityStore store = new InMemoryActivityStore();
    private final ActivityHarness harness = new ActivityHarness(store);

    static Stream<Named<Path>> sampleEvents() {
        return SAMPLES.events();
    }

    private StreamsEventResponse deliver(KinesisEvent event) {
        return harness.handler().handleRequest(event, FakeLambdaContext.withTime(60_000));
    }

    private void handle(String file) {
        StreamsEventResponse response = deliver(SAMPLES.load(file));
        assertThat(response.getBatchItemFailures()).as("records reported for a retry").isEmpty();
    }

    @Test
    void everySampleEventHasItsReadableSourceAndEverySourceItsEvent() {
        SAMPLES.assertEveryEventHasItsSourceAndEverySourceItsEvent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everyRecordEndsAsItsSourceLineExpects(Path json) {
        SampleEvents.Loaded sample = SampleEvents.loadWithSource(json);

        StreamsEventResponse response = deliver(sample.event());

        sample.assertOutcomes(response, harness.quarantine().reasonsBySequenceId());
    }

    @Test
    void duplicatesCountOnceAndTheFirstCopyWins() {
        handle("duplicates.json");

        var user = harness.queries().userDay("user-2001", LocalDate.parse("2026-11-26")).orElseThrow();
        assertThat(user.total()).isEqualTo(3);
        assertThat(user.actions()).containsOnlyKeys("login", "search", "logout");
        assertThat(harness.queries().actionHour("cart.add", LocalDateTime.parse("2026-11-26T09:00"))).isEqualTo(1);
    }

    @Test
    void hotUserIsOneUserDayWrite() {
        handle("hot-user.json");

        assertThat(store.writesOf(new UserDayKey("user-hot-42", LocalDate.parse("2026-11-26")).itemKey())).isEqualTo(1);
        assertThat(harness.queries().userDay("user-hot-42", LocalDate.parse("2026-11-26")).orElseThrow().total())
                .isEqualTo(200);
    }

    @Test
    void normalBatchCountsTheLateEventInItsOwnDay() {
        handle("normal.json");

        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-20"))).isEqualTo(1);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-25"))).isEqualTo(5);
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-26"))).isEqualTo(5);
        assertThat(harness.queries().userDay("user-1003", LocalDate.parse("2026-11-20")).orElseThrow().total())
                .isEqualTo(1);
    }

    @Test
    void poisonCountsOnlyTheValidEventsOfItsUser() {
        handle("poison.json");

        var user = harness.queries().userDay("user-3001", LocalDate.parse("2026-11-26")).orElseThrow();
        assertThat(user.total()).isEqualTo(2);
        assertThat(user.actions()).containsOnlyKeys("login", "logout");
        assertThat(harness.queries().activeUsers(LocalDate.parse("2026-11-26"))).isEqualTo(1);
    }

    @Test
    void kplAggregatedRecordsCountEachUserRecordOnceThoughTheAggregateCameTwice() {
        SampleEvents.Loaded sample = SampleEvents.loadWithSource(SAMPLES.directory().resolve("kpl-aggregated.json"));

        sample.assertOutcomes(deliver(sample.event()), harness.quarantine().reasonsBySequenceId());

        LocalDate day = LocalDate.parse("2026-11-26");
        assertThat(harness.queries().userDay("user-4001", day).orElseThrow().actions())
                .containsOnlyKeys("login", "page.view", "search");
        assertThat(harness.queries().userDay("user-4002", day).orElseThrow().actions())
                .containsOnlyKeys("login", "page.view", "cart.add");
        assertThat(harness.queries().userDay("user-4003", day).orElseThrow().actions())
                .containsOnlyKeys("login", "logout", "page.view");
        for (String user : new String[] {"user-4001", "user-4002", "user-4003"}) {
            assertThat(harness.queries().userDay(user, day).orElseThrow().total()).as(user).isEqualTo(3);
        }
        assertThat(harness.queries().actionHour("login", LocalDateTime.parse("2026-11-26T14:00"))).isEqualTo(3);
        assertThat(harness.queries().activeUsers(day)).isEqualTo(3);
    }
}
