package com.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.TemplateIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class FunctionCodeTest {
    @Test
    void theContractNamesTheDemoCallsFunctionsByAreSharedModelsOwn() throws Exception {
        assertThat(FunctionCode.DESCRIPTORS).isEqualTo(FunctionDescriptors.class.getName());
        assertThat(FunctionCode.DESCRIPTOR).isEqualTo(FunctionDescriptor.class.getName());
        assertThat(FunctionCode.TEMPLATE_IDS).isEqualTo(TemplateIds.class.getName());
        assertThat(FunctionCode.QUESTIONS).isEqualTo(AnalystQuestions.class.getName());

        assertThat(FunctionDescriptors.class.getMethod("all", ClassLoader.class).getReturnType()).isEqualTo(List.class);
        assertThat(FunctionDescriptors.class.getMethod("questionsOf", String.class, ClassLoader.class)).isNotNull();
        for (String accessor : List.of("name", "eventType", "tableVariable")) {
            assertThat(FunctionDescriptor.class.getMethod(accessor).getReturnType()).as(accessor)
                    .isEqualTo(String.class);
        }
        assertThat(FunctionDescriptor.class.getMethod("templateIds").getReturnType()).isEqualTo(TemplateIds.class);
        assertThat(TemplateIds.class.getMethod("function").getReturnType()).isEqualTo(String.class);
        assertThat(AnalystQuestions.class.getMethod("answer", DynamoDbClient.class, Map.class, List.class)
                .getReturnType()).isEqualTo(List.class);
    }
}
