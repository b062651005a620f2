package com.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.local.template.LocalTemplate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's traffic as it loads it: each template function's descriptor from its deployment zip and its traffic
 * generator from the module jar beside it, called across the class loaders.
 */
class DemoTrafficIT {
    private static final Path PROJECT_TEMPLATE = Path.of("..", "sam-template.yaml");
    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");

    @TempDir
    Path directory;

    @Test
    void everyTemplateFunctionsGeneratorMakesItsTypicalTrafficEndingNow() throws Exception {
        LocalTemplate template = LocalTemplate.read(PROJECT_TEMPLATE);
        List<String> generated = new ArrayList<>();
        double shares = 0;
        for (LocalTemplate.LocalFunction function : template.functions()) {
            String logicalId = function.definition().logicalId();
            try (FunctionCode code = FunctionCode.open(function.definition().codeZip(), directory.resolve(logicalId))) {
                FunctionCode.Generator generator = code.traffic().orElseThrow(() ->
                        new AssertionError(logicalId + " has no traffic generator in its module jar"));

                FunctionCode.Generated first = generator.typicalEndingAt(1_000, 7, NOW);
                FunctionCode.Generated again = generator.typicalEndingAt(1_000, 7, NOW);

                assertThat(first.records()).as(logicalId).hasSize(1_000);
                assertThat(first.examples()).as(logicalId).isNotEmpty();
                assertThat(first.description()).as(logicalId).contains("1000 records, seed 7");
                Map<String, Long> outcomes = new java.util.TreeMap<>();
                for (int i = 0; i < first.records().size(); i++) {
                    Object record = first.records().get(i);
                    assertThat(code.data(record)).as(logicalId + " record " + i)
                            .isEqualTo(code.data(again.records().get(i)));
                    assertThat(code.partitionKey(record)).as(logicalId).isNotBlank();
                    String expected = code.expected(record);
                    outcomes.merge(expected.equals("applied") || expected.equals("duplicate") ? expected : "poison",
                            1L, Long::sum);
                }
                // Every typical traffic holds producer duplicates and poison, and is mostly applied.
                assertThat(outcomes.get("duplicate")).as(logicalId + " " + outcomes).isBetween(10L, 100L);
                assertThat(outcomes.get("poison")).as(logicalId + " " + outcomes).isBetween(3L, 100L);
                assertThat(outcomes.get("applied")).as(logicalId + " " + outcomes).isGreaterThan(800L);
                shares += generator.share();
                generated.add(logicalId);
            }
        }
        assertThat(generated).hasSize(3);
        assertThat(shares).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
