package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.local.template.LocalTemplate;
import com.streamproc.tools.aws.PipelineFunction;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureTargetTest {
    private static final Path TEMPLATE = Path.of("..", "sam-template.yaml");

    @Test
    void everyFunctionMatchesItsFunctionAndMappingInTheTemplate() {
        LocalTemplate template = LocalTemplate.read(TEMPLATE, Map.of("EnvironmentName", "prod"));

        for (PipelineFunction function : PipelineFunction.values()) {
            FailureTarget target = FailureTarget.of(function);
            LocalTemplate.LocalFunction declared = template.function(target.logicalId());

            assertThat(declared.definition().functionName()).isEqualTo(target.functionName("prod"));
            assertThat(declared.kinesisSources()).singleElement().satisfies(source -> {
                assertThat(source.streamName()).isEqualTo(function.streamName("prod"));
                if (target.neverGivesUp()) {
                    assertThat(source.settings().maximumRetryAttempts()).isEqualTo(-1);
                    assertThat(source.settings().maximumRecordAge()).isNull();
                    assertThat(source.settings().onFailureDestination()).isNull();
                } else {
                    assertThat(source.settings().maximumRetryAttempts()).isNotNegative();
                    assertThat(source.settings().maximumRecordAge()).isNotNull();
                    assertThat(source.settings().onFailureDestination()).isNotNull();
                }
            });
            if (target.neverGivesUp()) {
                assertThat(template.physicalNames()).doesNotContainValue(target.queueName("prod"));
                assertThat(target.neverGivesUpNote()).contains("never gives up", "high-water mark");
            } else {
                assertThat(template.physicalNames()).containsValue(target.queueName("prod"));
                assertThat(target.neverGivesUpNote()).isNull();
            }
        }
    }
}
