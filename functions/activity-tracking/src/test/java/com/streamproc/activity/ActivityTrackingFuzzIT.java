package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.activity.domain.ActionStats;
import com.streamproc.activity.query.ActivityQueries;
import com.streamproc.activity.query.UserDayActivity;
import com.streamproc.activity.testing.ActivityWorkload;
import com.streamproc.activity.testing.TestActivity;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.JqwikEmulatorStack;
import com.streamproc.shared.decode.EventJson;
import com.streamproc.shared.testing.fuzz.FuzzBatch;
import com.streamproc.shared.testing.fuzz.FuzzBatch.Part;
import com.streamproc.shared.testing.fuzz.FuzzBatch.ValidGroup;
import com.streamproc.shared.testing.fuzz.FuzzRun;
import com.streamproc.shared.testing.fuzz.FuzzTries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Activity tracking, wired as in production on dynalite with the tables of sam-template.yaml, fed batches that mix
 * valid users' events with arbitrary records: no batch may report a failure, the handler must not throw, every
 * record is applied or quarantined with a reason, and every valid event is counted in its user-day.
 *
 * <p>Tries: {@code @Property(tries)} in the normal build, {@code -Dfuzz.tries=N} (the {@code soak} profile) for more.
 */
@AddLifecycleHook(JqwikEmulatorStack.class)
@AddLifecycleHook(FuzzTries.class)
class ActivityTrackingFuzzIT {
    private static FuzzRun run;
    private static ActivityQueries queries;

    @BeforeContainer
    static void start() {
        EmulatorStack stack = JqwikEmulatorStack.stack();
        run = FuzzRun.start(new ActivityTrackingDescriptor(), stack.createTemplateResources(), stack.region(),
                stack.dynamoDbEndpoint(), stack.dynamoDbClient());
        queries = new ActivityQueries(run.checkClient(), run.table());
    }

    @AfterContainer
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Provide
    Arbitrary<List<Part>> batches() {
        return FuzzBatch.parts(12);
    }

    @Property(tries = 300)
    void everyRecordIsAppliedOrQuarantinedAndNoBatchReportsAFailure(@ForAll("batches") List<Part> parts) {
        run.handle(parts, new Users(Instant.now()), ActivityTrackingFuzzIT::assertCounted);
    }

    /**
     * Every valid event is counted in its user-day, per action; exactly, unless an arbitrary record of the same user
     * followed (which may be a valid event too).
     */
    private static void assertCounted(ValidGroup group) {
        String userId = group.events().get(0).get("userId").asText();
        Map<LocalDate, Map<String, Long>> expected = new TreeMap<>();
        for (ObjectNode event : group.events()) {
            LocalDate day = Instant.parse(event.get("occurredAt").asText()).atOffset(ZoneOffset.UTC).toLocalDate();
            expected.computeIfAbsent(day, d -> new TreeMap<>()).merge(event.get("action").asText(), 1L, Long::sum);
        }
        expected.forEach((day, actions) -> {
            UserDayActivity stored = queries.userDay(userId, day)
                    .orElseThrow(() -> new AssertionError("no user-day " + userId + " " + day));
            long total = actions.values().stream().mapToLong(Long::longValue).sum();
            actions.forEach((action, count) -> {
                ActionStats stats = stored.actions().get(action);
                assertThat(stats).as("%s %s %s", userId, day, action).isNotNull();
                if (group.sharedWithArbitrary()) {
                    assertThat(stats.count()).as("%s %s %s", userId, day, action).isGreaterThanOrEqualTo(count);
                } else {
                    assertThat(stats.count()).as("%s %s %s", userId, day, action).isEqualTo(count);
                }
            });
            if (group.sharedWithArbitrary()) {
                assertThat(stored.total()).as("total of %s %s", userId, day).isGreaterThanOrEqualTo(total);
            } else {
                assertThat(stored.total()).as("total of %s %s", userId, day).isEqualTo(total);
            }
        });
    }

    /** Users with one to four events in the two days before {@code now}, some with non-ASCII ids. */
    record Users(Instant now) implements FuzzBatch.Family {
        @Override
        public List<ObjectNode> validEvents(Random random, String entityId) {
            String userId = switch (random.nextInt(6)) {
                case 0 -> "usér-" + entityId + "-测试";
                case 1 -> "u-" + entityId + "-\uD83D\uDE00";
                default -> "u-" + entityId;
            };
            List<ObjectNode> events = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                Instant at = now.minusMillis(60_000 + (long) (random.nextDouble() * 48 * 3600 * 1000))
                        .truncatedTo(ChronoUnit.MILLIS);
                TestActivity activity = new TestActivity(userId + "-e" + i, userId,
                        ActivityWorkload.ACTIONS.get(random.nextInt(ActivityWorkload.ACTIONS.size())), at);
                try {
                    events.add((ObjectNode) EventJson.mapper().readTree(activity.json()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return events;
        }

        @Override
        public String partitionKey(ObjectNode event) {
            return event.path("userId").asText();
        }

        @Override
        public Set<String> dateFields() {
            return Set.of("occurredAt");
        }
    }
}
