package com.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.SyntheticEvents;
import com.streamproc.shared.function.TemplateIds;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.Traffic;
import com.streamproc.shared.traffic.TrafficEffects;
import com.streamproc.shared.traffic.TrafficRecord;
import com.streamproc.shared.traffic.TrafficShape;
import java.time.Instant;
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

    @Test
    void theTrafficContractNamesTheDemoCallsGeneratorsByAreSharedModelsOwn() throws Exception {
        assertThat(FunctionCode.STREAM_TRAFFIC).isEqualTo(StreamTraffic.class.getName());
        assertThat(FunctionCode.SHAPE).isEqualTo(TrafficShape.class.getName());
        assertThat(FunctionCode.GENERATED).isEqualTo(Traffic.class.getName());
        assertThat(FunctionCode.RECORD).isEqualTo(TrafficRecord.class.getName());
        assertThat(FunctionCode.EFFECTS).isEqualTo(TrafficEffects.class.getName());
        assertThat(FunctionCode.SYNTHETIC_EVENTS_SERVICE).endsWith(SyntheticEvents.class.getName());

        assertThat(FunctionDescriptors.class.getMethod("eventsOf", String.class, ClassLoader.class)).isNotNull();
        assertThat(StreamTraffic.class.getMethod("share").getReturnType()).isEqualTo(double.class);
        assertThat(StreamTraffic.class.getMethod("typical", int.class, long.class).getReturnType())
                .isEqualTo(TrafficShape.class);
        assertThat(StreamTraffic.class.getMethod("traffic", TrafficShape.class).getReturnType())
                .isEqualTo(Traffic.class);
        assertThat(TrafficShape.class.getMethod("endingAt", Instant.class).getReturnType())
                .isEqualTo(TrafficShape.class);
        for (String accessor : List.of("records", "examples")) {
            assertThat(Traffic.class.getMethod(accessor).getReturnType()).as(accessor).isEqualTo(List.class);
        }
        assertThat(Traffic.class.getMethod("description").getReturnType()).isEqualTo(String.class);
        assertThat(TrafficRecord.class.getMethod("partitionKey").getReturnType()).isEqualTo(String.class);
        assertThat(TrafficRecord.class.getMethod("data").getReturnType()).isEqualTo(byte[].class);
        assertThat(TrafficRecord.class.getMethod("expected").getReturnType()).isEqualTo(String.class);
        assertThat(TrafficEffects.class.getMethod("applied", DynamoDbClient.class, String.class, List.class,
                List.class, List.class).getReturnType()).isEqualTo(List.class);
    }
}
