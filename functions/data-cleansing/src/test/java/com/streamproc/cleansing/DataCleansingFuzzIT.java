package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerKeys;
import com.streamproc.cleansing.query.CustomerQueries;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.JqwikEmulatorStack;
import com.streamproc.shared.decode.EventJson;
import com.streamproc.shared.testing.fuzz.FuzzBatch;
import com.streamproc.shared.testing.fuzz.FuzzBatch.Part;
import com.streamproc.shared.testing.fuzz.FuzzBatch.ValidGroup;
import com.streamproc.shared.testing.fuzz.FuzzRun;
import com.streamproc.shared.testing.fuzz.FuzzTries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Data cleansing, wired as in production on dynalite with the tables of sam-template.yaml, fed batches that mix
 * valid source records with arbitrary records: no batch may report a failure, the handler must not throw, every
 * record is applied or quarantined with a reason, and every valid source record reaches its customer.
 *
 * <p>Tries: {@code @Property(tries)} in the normal build, {@code -Dfuzz.tries=N} (the {@code soak} profile) for more.
 */
@AddLifecycleHook(JqwikEmulatorStack.class)
@AddLifecycleHook(FuzzTries.class)
class DataCleansingFuzzIT {
    private static final List<String> SOURCES = List.of("crm", "webshop", "support", "erp");
    private static FuzzRun run;
    private static CustomerQueries queries;

    @BeforeContainer
    static void start() {
        EmulatorStack stack = JqwikEmulatorStack.stack();
        run = FuzzRun.start(new DataCleansingDescriptor(), stack.createTemplateResources(), stack.region(),
                stack.dynamoDbEndpoint(), stack.dynamoDbClient());
        queries = new CustomerQueries(run.checkClient(), run.table());
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
        run.handle(parts, new SourceRecords(), DataCleansingFuzzIT::assertMerged);
    }

    /**
     * Every valid source record reached its customer; with no arbitrary record of its own, the customer has that
     * source only, as of its newest version.
     */
    private static void assertMerged(ValidGroup group) {
        ObjectNode last = group.events().get(group.events().size() - 1);
        String source = last.get("sourceSystem").asText() + ":" + last.get("sourceRecordId").asText();
        String key = CustomerKeys.forEmail(last.get("email").asText());
        Customer customer = queries.byKey(key).orElseThrow(() -> new AssertionError("no customer " + key));
        assertThat(customer.sources()).as("sources of %s", key).contains(source);
        if (!group.sharedWithArbitrary()) {
            assertThat(customer.sources()).as("sources of %s", key).containsExactly(source);
            assertThat(customer.updatedAt()).as("updatedAt of %s", key)
                    .isEqualTo(Instant.parse(last.get("updatedAt").asText()));
        }
    }

    /** One source record in one or two versions (newer later), with a usable e-mail of its own. */
    static final class SourceRecords implements FuzzBatch.Family {
        @Override
        public List<ObjectNode> validEvents(Random random, String entityId) {
            String system = SOURCES.get(random.nextInt(SOURCES.size()));
            String recordId = "r-" + entityId + (random.nextInt(5) == 0 ? "-测试" : "");
            String email = "c-" + entityId + "@example.com";
            Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(300 * 24 * 3600));
            List<ObjectNode> events = new ArrayList<>();
            int versions = 1 + random.nextInt(2);
            for (int v = 0; v < versions; v++) {
                updatedAt = updatedAt.plusSeconds(60 + random.nextInt(86_400));
                CustomerRecordJson json = CustomerRecordJson.record(system, recordId)
                        .with("email", email)
                        .with("updatedAt", updatedAt.toString())
                        .with("fullName", random.nextBoolean() ? "Jane Doe" : "  Zoë  Ñúñez-测试 ");
                if (random.nextBoolean()) {
                    json.without("phone");
                }
                try {
                    events.add((ObjectNode) EventJson.mapper().readTree(json.json()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return events;
        }

        @Override
        public String partitionKey(ObjectNode event) {
            return event.path("sourceSystem").asText() + ":" + event.path("sourceRecordId").asText();
        }

        @Override
        public Set<String> dateFields() {
            return Set.of("updatedAt", "birthDate");
        }
    }
}
