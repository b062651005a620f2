package com.streamproc.e2e.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.event.ActivityReasonCodes;
import com.streamproc.cleansing.CleansingReasons;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.decode.ReasonCodes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue is well-formed: enough distinct entries, every function covered, only codes that exist. */
class BadInputCatalogueTest {
    private final BadInputCatalogue catalogue = BadInputCatalogue.load();

    @Test
    void holdsAtLeastThirtyDistinctEntries() {
        List<String> ids = catalogue.ids();

        assertThat(ids).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    }

    @Test
    void everyExpectationIsAppliedOrAReasonCodeTheFunctionCanGive() {
        for (PipelineFunction function : PipelineFunction.values()) {
            Set<String> codes = codesOf(function);
            for (BadInputCatalogue.Case c : catalogue.cases(function, "t")) {
                assertThat(c.expectsApplied() || codes.contains(c.expectedReason()))
                        .as(c.entryId() + " for " + function.shortName() + ": " + c.expectedReason()).isTrue();
            }
        }
    }

    @Test
    void theOversizedEntriesSitExactlyAtAndOneByteOverTheKinesisLimit() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.ORDER_PROCESSING, "t");

        assertThat(cases).filteredOn(c -> c.entryId().equals("exactly-1mib")).singleElement()
                .satisfies(c -> assertThat(c.data()).hasSize(1024 * 1024));
        assertThat(cases).filteredOn(c -> c.entryId().equals("oversized-1mib-plus-1")).singleElement()
                .satisfies(c -> assertThat(c.data()).hasSize(1024 * 1024 + 1));
    }

    @Test
    void theByteLevelEntriesCarryTheBytesTheyDescribe() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.DATA_CLEANSING, "t");

        assertThat(find(cases, "bom-prefixed").data()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(find(cases, "gzip-compressed").data()).startsWith((byte) 0x1F, (byte) 0x8B);
        assertThat(find(cases, "empty-record").data()).isEmpty();
        assertThat(new String(find(cases, "invalid-utf8-byte").data(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("\u00C3(");
    }

    @Test
    void jsonEscapesAreWrittenIntoTheRecordsTextAsIs() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.ORDER_PROCESSING, "t");

        assertThat(new String(find(cases, "unpaired-surrogate-in-id").data(), StandardCharsets.UTF_8))
                .contains("\"orderId\":\"ord-\\ud800-unpaired-surrogate-in-id-t\"");
        assertThat(new String(find(cases, "escaped-backslash-before-u").data(), StandardCharsets.UTF_8))
                .contains("\"customerId\":\"cust-\\\\ud800-escaped-backslash-before-u-t\"");
    }

    private static BadInputCatalogue.Case find(List<BadInputCatalogue.Case> cases, String id) {
        return cases.stream().filter(c -> c.entryId().equals(id)).findFirst().orElseThrow();
    }

    private static Set<String> codesOf(PipelineFunction function) {
        Set<String> codes = new HashSet<>(constants(ReasonCodes.class));
        codes.addAll(switch (function) {
            case ORDER_PROCESSING -> constants(OrderReasons.class);
            case ACTIVITY_TRACKING -> constants(ActivityReasonCodes.class);
            case DATA_CLEANSING -> constants(CleansingReasons.class);
        });
        return codes;
    }

    private static Set<String> constants(Class<?> holder) {
        Set<String> values = new HashSet<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
