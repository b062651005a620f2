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
                assertThat(source.settings().onFailureDestination()).isNotNull();
            });
            assertThat(template.physicalNames()).containsValue(target.queueName("prod"));
        }
    }
}
