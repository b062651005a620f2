package com.streamproc.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.shared.aws.FunctionEnvironment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class OrderProcessingHandlerWiringTest {
    private final DynamoDbClient unusedClient = DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
            .build();

    @Test
    void missingOrdersTableIsNamedAtColdStart() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q"));

        assertThatThrownBy(() -> new OrderProcessingDescriptor().processor(env, unusedClient))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDERS_TABLE");
    }

    @Test
    void missingQuarantineTableIsNamedAtColdStart() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("ORDERS_TABLE", "orders"));

        assertThatThrownBy(() -> new OrderProcessingDescriptor().processor(env, unusedClient))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUARANTINE_TABLE");
    }

    @Test
    void invalidConcurrencyIsNamedAtColdStart() {
        FunctionEnvironment env = new FunctionEnvironment(
                Map.of("ORDERS_TABLE", "orders", "QUARANTINE_TABLE", "q", "MAX_CONCURRENT_KEYS", "0"));

        assertThatThrownBy(() -> new OrderProcessingDescriptor().processor(env, unusedClient))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MAX_CONCURRENT_KEYS");
    }

    @Test
    void primingEventsAllDecode() throws Exception {
        OrderEventDecoder decoder = new OrderEventDecoder();

        for (String json : OrderProcessingDescriptor.PRIMING_EVENTS) {
            assertThat(decoder.decode(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))).orderId())
                    .isEqualTo("priming");
        }
    }
}
