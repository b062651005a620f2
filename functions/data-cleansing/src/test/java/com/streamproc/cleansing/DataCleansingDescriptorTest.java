package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.RecordRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DataCleansingDescriptorTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NONE", textBlock = """
            crm:c-1           | crm
            webshop:a:b       | webshop
            legacy            | legacy
            ":orphan"         | NONE
            ""                | NONE
            """)
    void quarantineSourceIsThePartitionKeyBeforeTheFirstColon(String partitionKey, String source) {
        RecordRef ref = new RecordRef("shardId-000000000000", "1", partitionKey, Instant.EPOCH, 10);

        assertThat(DataCleansingDescriptor.defaultConfig().sourceOfRecord().apply(ref)).isEqualTo(source);
    }

    @Test
    void productionWiringNeedsTheCustomersTable() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "CleansingQuarantineTable"));

        assertThatThrownBy(() -> new DataCleansingDescriptor().processor(env, unusedClient()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUSTOMERS_TABLE");
    }

    @Test
    void productionWiringRejectsABadConcurrencySetting() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q", "CUSTOMERS_TABLE", "c",
                "MAX_CONCURRENT_KEYS", "zero"));

        assertThatThrownBy(() -> new DataCleansingDescriptor().processor(env, unusedClient()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAX_CONCURRENT_KEYS");
    }

    @Test
    void productionWiringBuildsAHandlerFromACompleteEnvironment() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q", "CUSTOMERS_TABLE", "c"));

        assertThat(new DataCleansingHandler(new DataCleansingDescriptor().processor(env, unusedClient()))).isNotNull();
    }

    @Test
    void primingRecordCleansesWithTheRealClock() throws Exception {
        DataCleansingDescriptor.newDecoder(Clock.systemUTC()).decode(java.nio.ByteBuffer.wrap(
                DataCleansingDescriptor.PRIMING_RECORD.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static DynamoDbClient unusedClient() {
        return new DynamoDbClient() {
            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
    }
}
