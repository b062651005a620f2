package com.streamproc.e2e.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.local.template.LocalTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue is well-formed: enough distinct entries, every function covered, only codes that exist. */
class BadInputCatalogueTest {
    private final BadInputCatalogue catalogue = BadInputCatalogue.load();
    private final List<PipelineFunction> functions =
            PipelineFunction.deployed(LocalTemplate.read(Path.of("..", "sam-template.yaml")));

    @Test
    void holdsAtLeastThirtyDistinctEntries() {
        List<String> ids = catalogue.ids();

        assertThat(ids).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    }

    @Test
    void everyExpectationIsAppliedOrAReasonCodeTheFunctionCanGive() {
        for (PipelineFunction function : functions) {
            var codes = function.model().reasonCodes();
            for (BadInputCatalogue.Case c : catalogue.cases(function, "t")) {
                assertThat(c.expectsApplied() || codes.contains(c.expectedReason()))
                        .as(c.entryId() + " for " + function.shortName() + ": " + c.expectedReason()).isTrue();
            }
        }
    }

    @Test
    void theOversizedEntriesSitExactlyAtAndOneByteOverTheKinesisLimit() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.named(functions, "order-processing"), "t");

        assertThat(cases).filteredOn(c -> c.entryId().equals("exactly-1mib")).singleElement()
                .satisfies(c -> assertThat(c.data()).hasSize(1024 * 1024));
        assertThat(cases).filteredOn(c -> c.entryId().equals("oversized-1mib-plus-1")).singleElement()
                .satisfies(c -> assertThat(c.data()).hasSize(1024 * 1024 + 1));
    }

    @Test
    void theByteLevelEntriesCarryTheBytesTheyDescribe() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.named(functions, "data-cleansing"), "t");

        assertThat(find(cases, "bom-prefixed").data()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(find(cases, "gzip-compressed").data()).startsWith((byte) 0x1F, (byte) 0x8B);
        assertThat(find(cases, "empty-record").data()).isEmpty();
        assertThat(new String(find(cases, "invalid-utf8-byte").data(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("\u00C3(");
    }

    @Test
    void jsonEscapesAreWrittenIntoTheRecordsTextAsIs() {
        List<BadInputCatalogue.Case> cases = catalogue.cases(PipelineFunction.named(functions, "order-processing"), "t");

        assertThat(new String(find(cases, "unpaired-surrogate-in-id").data(), StandardCharsets.UTF_8))
                .contains("\"orderId\":\"ord-\\ud800-unpaired-surrogate-in-id-t\"");
        assertThat(new String(find(cases, "escaped-backslash-before-u").data(), StandardCharsets.UTF_8))
                .contains("\"customerId\":\"cust-\\\\ud800-escaped-backslash-before-u-t\"");
    }

    private static BadInputCatalogue.Case find(List<BadInputCatalogue.Case> cases, String id) {
        return cases.stream().filter(c -> c.entryId().equals(id)).findFirst().orElseThrow();
    }
}
