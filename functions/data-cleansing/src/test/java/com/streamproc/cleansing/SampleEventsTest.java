package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.FieldDrop;
import com.streamproc.cleansing.store.InMemoryCustomerStore;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.dynamo.QuarantinedRecord;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.SampleEvents;
import com.streamproc.shared.testing.InMemoryQuarantine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample batch in {@code events/data-cleansing} (the Lambda JSON that {@code sam local invoke -e} sends),
 * loaded with the Lambda runtime's serializer and run through the real handler, ends as the {@code expect} of each
 * line of its readable {@code .jsonl} source says.
 */
class SampleEventsTest {
    private static final SampleEvents SAMPLES = new SampleEvents("data-cleansing");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final DataCleansingHandler handler = new DataCleansingHandler(new BatchProcessor<>(
            DataCleansingDescriptor.newDecoder(CLOCK), DataCleansingDescriptor.newApplier(store, 4), quarantine,
            DataCleansingDescriptor.defaultConfig(), summary -> { }, CLOCK, System::nanoTime));

    static Stream<Named<Path>> sampleEvents() {
        return SAMPLES.events();
    }

    private StreamsEventResponse deliver(KinesisEvent event) {
        return handler.handleRequest(event, FakeLambdaContext.withTime(60_000));
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

        sample.assertOutcomes(response, quarantine.reasonsBySequenceId());
    }

    @Test
    void messyValidRecordsBecomeOneNormalisedCustomerEach() {
        handle("messy-valid.json");

        assertThat(store.items()).hasSize(10);
        Customer ada = store.customer("EMAIL#ada.lovelace@example.com").orElseThrow();
        assertThat(ada.value(CustomerField.PHONE)).isEqualTo("+442079460018");
        assertThat(ada.value(CustomerField.COUNTRY)).isEqualTo("GB");
        assertThat(ada.value(CustomerField.FULL_NAME)).isEqualTo("Ada Lovelace");
        assertThat(ada.drops().get(CustomerField.BIRTH_DATE).reason()).isEqualTo("AMBIGUOUS_DATE");
        assertThat(store.customer("PHONE#+41446681800").orElseThrow().value(CustomerField.FULL_NAME))
                .isEqualTo("Urs Meier");
    }

    @Test
    void duplicatesAcrossSourcesMergeIntoThreeCustomersNewestFieldWinning() {
        handle("duplicates-across-sources.json");

        assertThat(store.items()).containsOnlyKeys("EMAIL#marie.curie@example.com", "EMAIL#niels.bohr@example.dk",
                "PHONE#+4532123456");
        Customer marie = store.customer("EMAIL#marie.curie@example.com").orElseThrow();
        assertThat(marie.value(CustomerField.FULL_NAME)).isEqualTo("Marie Skłodowska-Curie");
        assertThat(marie.value(CustomerField.PHONE)).isEqualTo("+33612345678");
        assertThat(marie.value(CustomerField.COUNTRY)).isEqualTo("FR");
        assertThat(marie.value(CustomerField.BIRTH_DATE)).isEqualTo("1967-11-07");
        assertThat(marie.drops()).isEqualTo(Map.of(CustomerField.BIRTH_DATE,
                new FieldDrop("AMBIGUOUS_DATE", Instant.parse("2026-11-01T09:00:00Z"), "crm:c-2001")));
        assertThat(marie.sources()).containsExactly("crm:c-2001", "support:s-4001", "webshop:w-3001");
        assertThat(store.customer("PHONE#+4532123456").orElseThrow().value(CustomerField.FULL_NAME))
                .isEqualTo("Rosalind E. Franklin");
    }

    @Test
    void rejectsAreQuarantinedUnderTheirSourceSystemWithFieldReasons() {
        handle("rejects.json");

        assertThat(store.items()).isEmpty();
        assertThat(quarantine.stored().values()).extracting(q -> q.source() + "/" + q.reason().reasonCode())
                .containsExactlyInAnyOrder("crm/NO_CONTACT_POINT", "webshop/NO_CONTACT_POINT",
                        "support/INVALID_UPDATED_AT", "support/INVALID_UPDATED_AT", "erp/UPDATED_AT_IN_FUTURE",
                        "crm/UNSUPPORTED_SCHEMA_VERSION", "crm/NO_CONTACT_POINT", "erp/SCHEMA_VIOLATION",
                        "webshop/MALFORMED_JSON", "crm/SCHEMA_VIOLATION");
        assertThat(quarantine.stored().values()).extracting(QuarantinedRecord::reason)
                .anySatisfy(r -> assertThat(r.fieldReasons()).containsExactly("email:INVALID_EMAIL",
                        "phone:PHONE_NEEDS_COUNTRY"));
    }

    @Test
    void kplAggregatedRecordsMergeEachUserRecordOnceThoughTheAggregateCameTwice() {
        SampleEvents.Loaded sample = SampleEvents.loadWithSource(SAMPLES.directory().resolve("kpl-aggregated.json"));

        sample.assertOutcomes(deliver(sample.event()), quarantine.reasonsBySequenceId());

        assertThat(store.items()).containsOnlyKeys("EMAIL#max.planck@example.de", "EMAIL#lise.meitner@example.at",
                "EMAIL#enrico.fermi@example.it", "PHONE#+12125550142", "EMAIL#paul.dirac@example.co.uk",
                "EMAIL#emmy.noether@example.de", "EMAIL#werner.heisenberg@example.de");
        Customer lise = store.customer("EMAIL#lise.meitner@example.at").orElseThrow();
        assertThat(lise.sources()).containsExactly("webshop:w-5002");
        assertThat(lise.value(CustomerField.FULL_NAME)).isEqualTo("Lise Meitner");
        assertThat(lise.value(CustomerField.COUNTRY)).isEqualTo("AT");
        assertThat(quarantine.stored().values()).extracting(q -> q.source() + "/" + q.reason().reasonCode())
                .containsExactly("webshop/NO_CONTACT_POINT");
    }
}
