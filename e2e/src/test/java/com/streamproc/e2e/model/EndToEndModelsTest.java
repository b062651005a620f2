package com.streamproc.e2e.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.e2e.fourth.PageCountDescriptor;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.local.template.LocalTemplate;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndModelsTest {
    private static final LocalTemplate TEMPLATE = LocalTemplate.read(Path.of("..", "sam-template.yaml"));

    @Test
    void everyFunctionOfTheTemplateRunsWithItsModelInTheTemplatesOrder() {
        List<PipelineFunction> functions = PipelineFunction.deployed(TEMPLATE);

        assertThat(functions).extracting(PipelineFunction::shortName)
                .containsExactly("order-processing", "activity-tracking", "data-cleansing");
        assertThat(functions).allSatisfy(f -> assertThat(f.model().functionName()).isEqualTo(f.shortName()));
        assertThat(functions).extracting(PipelineFunction::index).containsExactly(0, 1, 2);
    }

    @Test
    void aFunctionWithoutAModelIsNamedWithWhatToAdd() {
        List<FunctionDescriptor<?>> descriptors = List.of(FunctionDescriptors.named("order-processing"),
                new PageCountDescriptor());

        assertThatThrownBy(() -> EndToEndModels.of(descriptors, EndToEndModels.all()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no end-to-end model for page-count")
                .hasMessageContaining("META-INF/services/" + EndToEndModel.class.getName())
                .message().doesNotContain("order-processing");
    }

    @Test
    void aDescriptorTheTemplateDoesNotDeployIsNamedAsNotRun() {
        List<String> notRun = PipelineFunction.notDeployed(TEMPLATE);

        assertThat(notRun).containsExactly("page-count");
    }
}
