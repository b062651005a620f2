package com.streamproc.cleansing;

import static com.streamproc.cleansing.CustomerRecordJson.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.FieldDrop;
import com.streamproc.cleansing.merge.FieldValue;
import com.streamproc.cleansing.store.InMemoryCustomerStore;
import com.streamproc.cleansing.store.StoredCustomer;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.observe.JsonLinesBatchObserver;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientFailureException;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.shared.testing.ManualNanoClock;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataCleansingHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final BigInteger FIRST = KinesisEventFixture.FIRST_SEQUENCE;
    static final String JANE = "EMAIL#jane.doe@example.com";

    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final ManualNanoClock nanoClock = new ManualNanoClock();
    private final List<String> logLines = new ArrayList<>();
    private final BatchProcessor<CleansedRecord> processor = new BatchProcessor<>(
            DataCleansingDescriptor.newDecoder(Clock.fixed(NOW, ZoneOffset.UTC)),
            DataCleansingDescriptor.newApplier(store, 4),
            quarantine,
            DataCleansingDescriptor.defaultConfig().withRetryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO)),
            new JsonLinesBatchObserver(logLines::add, Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC), nanoClock);
    private final DataCleansingHandler handler = new DataCleansingHandler(processor);

    @Test
    void recordsOfOnePersonFromSeveralSourcesBecomeOneCustomer() {
        KinesisEvent batch = batch(
                record("crm", "c-1").with("updatedAt", "2026-11-01T08:00:00Z").with("email", "Jane.Doe@Example.com")
                        .with("phone", "030 901820").with("fullName", "Jane  Doe").with("country", "Germany"),
                record("webshop", "w-9").with("updatedAt", "2026-11-10T08:00:00Z").with("email", " jane.doe@EXAMPLE.com")
                        .with("phone", "+49 151 23456789").without("fullName").without("country")
                        .with("birthDate", "17.05.1990"),
                record("support", "s-3").with("updatedAt", "05.11.2026").with("email", "JANE.DOE@example.com")
                        .with("phone", "n/a").with("fullName", "Jane Doe-Smith").without("country")
                        .without("birthDate"));

        StreamsEventResponse response = handle(batch);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.items()).containsOnlyKeys(JANE);
        Customer jane = store.customer(JANE).orElseThrow();
        assertThat(jane.values()).isEqualTo(Map.of(
                CustomerField.EMAIL, new FieldValue("jane.doe@example.com", Instant.parse("2026-11-10T08:00:00Z"), "webshop:w-9"),
                CustomerField.PHONE, new FieldValue("+4915123456789", Instant.parse("2026-11-10T08:00:00Z"), "webshop:w-9"),
                CustomerField.FULL_NAME, new FieldValue("Jane Doe-Smith", Instant.parse("2026-11-05T00:00:00Z"), "support:s-3"),
                CustomerField.COUNTRY, new FieldValue("DE", Instant.parse("2026-11-01T08:00:00Z"), "crm:c-1"),
                CustomerField.BIRTH_DATE, new FieldValue("1990-05-17", Instant.parse("2026-11-10T08:00:00Z"), "webshop:w-9")));
        assertThat(jane.sources()).containsExactly("crm:c-1", "support:s-3", "webshop:w-9");
    }

    @Test
    void rejectsAreQuarantinedWithReasonFieldReasonsAndSourceSystemAndDoNotBlockTheShard() {
        KinesisEventFixture fixture = KinesisEventFixture.batch()
                .record("crm:c-1", record("crm", "c-1").json())
                .record("webshop:w-2", record("webshop", "w-2").with("email", "jane@").with("phone", "12").json())
                .record("crm:c-3", record("crm", "c-3").with("updatedAt", "03/04/2026").json())
                .record("erp:e-4", "{\"schemaVersion\":1,")
                .recordBytes("erp:e-5", new byte[] {(byte) 0xC3, (byte) 0x28})
                .record("support:s-6", record("support", "s-6").with("updatedAt", "2030-01-01T00:00:00Z").json())
                .record("crm:c-7", record("crm", "c-7").with("schemaVersion", 2).json())
                .record("crm:c-8", record("crm", "c-8").with("email", "john@example.com").with("birthDate", "yesterday")
                        .json());

        StreamsEventResponse response = handler.handleRequest(fixture.build(), context(60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(quarantine.reasonsBySequence()).isEqualTo(Map.of(
                seq(1), "NO_CONTACT_POINT",
                seq(2), "INVALID_UPDATED_AT",
                seq(3), "MALFORMED_JSON",
                seq(4), "INVALID_UTF8",
                seq(5), "UPDATED_AT_IN_FUTURE",
                seq(6), "UNSUPPORTED_SCHEMA_VERSION"));
        Map<String, QuarantinedRecord> bySequence = quarantine.stored().values().stream()
                .collect(Collectors.toMap(q -> q.ref().sequenceNumber(), q -> q));
        assertThat(bySequence.get(seq(1)).reason().fieldReasons()).containsExactly("email:INVALID_EMAIL", "phone:INVALID_PHONE");
        assertThat(bySequence.get(seq(2)).reason().fieldReasons()).containsExactly("updatedAt:AMBIGUOUS_DATE");
        assertThat(bySequence.get(seq(5)).reason().fieldReasons()).containsExactly("updatedAt:IN_FUTURE");
        assertThat(bySequence.values()).extracting(QuarantinedRecord::source)
                .containsExactlyInAnyOrder("webshop", "crm", "erp", "erp", "support", "crm");
        assertThat(bySequence.values()).allSatisfy(q -> assertThat(q.reason().detail())
                .doesNotContain("jane", "example.com", "03/04", "2030"));
        assertThat(store.items()).containsOnlyKeys(JANE, "EMAIL#john@example.com");
        assertThat(store.items().get("EMAIL#john@example.com").customer().drops()).isEqualTo(Map.of(
                CustomerField.BIRTH_DATE, new FieldDrop("UNPARSEABLE_DATE", Instant.parse("2026-11-20T09:00:00Z"), "crm:c-8")));
    }

    @Test
    void writesAtMostOnePutPerCustomerPerBatch() {
        List<CustomerRecordJson> records = new ArrayList<>();
        for (int person = 0; person < 10; person++) {
            for (String source : List.of("crm", "webshop", "support")) {
                records.add(record(source, source + "-" + person)
                        .with("email", "person" + person + "@example.com")
                        .with("updatedAt", "2026-11-0" + (1 + person % 9) + "T10:00:00Z"));
            }
        }

        StreamsEventResponse response = handle(batch(records.toArray(CustomerRecordJson[]::new)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.items()).hasSize(10);
        assertThat(store.puts()).isEqualTo(10);
        assertThat(store.loads()).isEqualTo(10);
        assertThat((double) store.puts() / records.size()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void replayedBatchChangesNothingAndWritesNothing() {
        KinesisEvent batch = batch(
                record("crm", "c-1").with("fullName", "Jane Doe"),
                record("webshop", "w-1").with("updatedAt", "2026-11-21T09:00:00Z").with("fullName", "Jane D."),
                record("crm", "c-2").with("email", "john@example.com"));
        handle(batch);
        Map<String, StoredCustomer> afterFirst = store.items();
        store.resetCounts();

        StreamsEventResponse replay = handle(batch);

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(store.items()).isEqualTo(afterFirst);
        assertThat(store.puts()).isZero();
    }

    @Test
    void olderRecordArrivingInALaterBatchDoesNotOverwriteNewerFields() {
        handle(batch(record("crm", "c-1").with("updatedAt", "2026-11-20T09:00:00Z").with("fullName", "Jane Doe-Smith")));

        handle(batch(record("webshop", "w-1").with("updatedAt", "2026-10-01T09:00:00Z").with("fullName", "Jane Doe")
                .with("country", "AT")));

        Customer jane = store.customer(JANE).orElseThrow();
        assertThat(jane.value(CustomerField.FULL_NAME)).isEqualTo("Jane Doe-Smith");
        assertThat(jane.value(CustomerField.COUNTRY)).isEqualTo("DE");
        assertThat(jane.sources()).containsExactly("crm:c-1", "webshop:w-1");
    }

    @Test
    void failedWriteReportsTheEarliestRecordOfTheFailedCustomerAndKeepsTheOthers() {
        store.beforePut(customer -> {
            if (customer.customerKey().equals("EMAIL#john@example.com")) {
                throw new TransientFailureException("throttled");
            }
        });
        KinesisEvent batch = batch(
                record("crm", "c-1"),
                record("crm", "c-2").with("email", "john@example.com"),
                record("webshop", "w-1"),
                record("webshop", "w-2").with("email", "john@example.com"));

        StreamsEventResponse response = handle(batch);

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(seq(1));
        assertThat(store.items()).containsOnlyKeys(JANE);
        assertThat(store.puts()).isEqualTo(1 + 2);
    }

    @Test
    void userRecordsOfAKplAggregateAreAppliedOnceAlsoWhenTheAggregateIsReplayedAfterAFailure() {
        java.util.concurrent.atomic.AtomicBoolean johnFails = new java.util.concurrent.atomic.AtomicBoolean(true);
        store.beforePut(customer -> {
            if (customer.customerKey().equals("EMAIL#john@example.com") && johnFails.get()) {
                throw new TransientFailureException("throttled");
            }
        });
        com.streamproc.shared.kpl.KplAggregateWriter writer = new com.streamproc.shared.kpl.KplAggregateWriter();
        for (CustomerRecordJson record : List.of(record("crm", "c-1").with("fullName", "Jane Doe"),
                record("crm", "c-2").with("email", "john@example.com"),
                record("webshop", "w-1").with("email", "bad@").with("phone", "bad"),
                record("webshop", "w-2").with("email", "john@example.com").with("fullName", "John Roe"))) {
            writer.add(record.partitionKey(), null, record.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] aggregate = writer.build();
        KinesisEvent batch = KinesisEventFixture.batch().recordBytes("any-key", aggregate).build();

        StreamsEventResponse first = handle(batch);

        assertThat(first.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(seq(0));
        assertThat(store.items()).containsOnlyKeys(JANE);
        assertThat(quarantine.reasonsBySequenceId()).containsOnlyKeys(seq(0) + ".2");
        long janeVersion = store.items().get(JANE).version();

        johnFails.set(false);
        StreamsEventResponse replay = handle(KinesisEventFixture.batch().recordBytes("any-key", aggregate).build());

        assertThat(replay.getBatchItemFailures()).isEmpty();
        assertThat(store.items()).containsOnlyKeys(JANE, "EMAIL#john@example.com");
        assertThat(store.items().get(JANE).version()).isEqualTo(janeVersion);
        assertThat(store.customer("EMAIL#john@example.com").orElseThrow().sources())
                .containsExactly("crm:c-2", "webshop:w-2");
        assertThat(quarantine.reasonsBySequenceId()).containsOnlyKeys(seq(0) + ".2");
        assertThat(quarantine.stored().keySet()).singleElement()
                .satisfies(ref -> assertThat(ref.subSequenceNumber()).isEqualTo(2L));
    }

    @Test
    void concurrentWriterIsMergedWithNotOverwritten() {
        AtomicBoolean raced = new AtomicBoolean();
        store.beforePut(customer -> {
            if (raced.compareAndSet(false, true)) {
                store.writeConcurrently(Customer.of(new CleansedRecord(JANE, "erp:e-1",
                        Instant.parse("2026-11-25T00:00:00Z"), Map.of(CustomerField.COUNTRY, "CH"), Map.of())));
            }
        });

        StreamsEventResponse response = handle(batch(record("crm", "c-1").with("fullName", "Jane Doe")));

        assertThat(response.getBatchItemFailures()).isEmpty();
        Customer jane = store.customer(JANE).orElseThrow();
        assertThat(jane.value(CustomerField.COUNTRY)).isEqualTo("CH");
        assertThat(jane.value(CustomerField.FULL_NAME)).isEqualTo("Jane Doe");
        assertThat(store.conflicts()).isEqualTo(1);
        assertThat(store.items().get(JANE).version()).isEqualTo(2);
    }

    @Test
    void noWorkStartsAfterTheDeadlineAndTheFirstRecordIsReported() {
        KinesisEvent batch = batch(record("crm", "c-1"), record("crm", "c-2").with("email", "john@example.com"));

        StreamsEventResponse response = handler.handleRequest(batch, context(2_000));

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(seq(0));
        assertThat(store.puts()).isZero();
    }

    @Test
    void logLinesCarryCountsButNoPersonalData() {
        handle(batch(record("crm", "c-1"), record("crm", "c-2").with("email", "bad@").with("phone", "bad")));

        assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("jane", "Jane", "example.com", "901820", "bad@"));
        assertThat(logLines.get(0)).contains("\"quarantined\":1", "\"applied\":1");
    }

    private StreamsEventResponse handle(KinesisEvent batch) {
        return handler.handleRequest(batch, context(60_000));
    }

    private FakeLambdaContext context(long remainingMillis) {
        return new FakeLambdaContext(DataCleansingDescriptor.NAME, remainingMillis, nanoClock);
    }

    static KinesisEvent batch(CustomerRecordJson... records) {
        KinesisEventFixture fixture = KinesisEventFixture.batch();
        for (CustomerRecordJson record : records) {
            fixture.record(record.partitionKey(), record.json());
        }
        return fixture.build();
    }

    static String seq(int index) {
        return FIRST.add(BigInteger.valueOf(index)).toString();
    }
}
