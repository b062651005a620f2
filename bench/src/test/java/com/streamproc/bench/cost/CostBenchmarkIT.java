package com.streamproc.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.emulators.ProjectRoot;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.SdkCallCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(EmulatorStackExtension.class)
class CostBenchmarkIT {
    @TempDir
    Path temp;

    @BeforeAll
    static void localCredentials() {
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @Test
    void theBaselineSendsThreeWritesForANewPayloadAndOneForARepeatedOne(EmulatorStack stack) {
        SdkCallCounter counter = new SdkCallCounter();
        try (DynamoDbClient admin = stack.dynamoDbClient();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter)) {
            CostBenchmark.createSimpleTable(admin, "it-baseline-idempotency", "id");
            CostBenchmark.createSimpleTable(admin, "it-baseline-entities", "pk");
            IdempotentBaselineWriter writer = new IdempotentBaselineWriter(dynamoDb, "it-baseline-idempotency",
                    "it-baseline-entities", "it-function", Clock.systemUTC());
            WorkloadRecord record = new WorkloadRecord("ord-1",
                    "{\"eventId\":\"e1\"}".getBytes(StandardCharsets.UTF_8), "applied");

            boolean first = writer.process(record);
            long afterFirst = counter.writeRequests();
            double capacityAfterFirst = counter.consumedWriteCapacity();
            boolean repeat = writer.process(record);

            assertThat(first).isTrue();
            assertThat(afterFirst).isEqualTo(3);
            assertThat(capacityAfterFirst).isGreaterThanOrEqualTo(3.0);
            assertThat(repeat).isFalse();
            assertThat(counter.writeRequests()).isEqualTo(4);
            Map<String, AttributeValue> stored = admin.getItem(b -> b.tableName("it-baseline-idempotency")
                    .key(Map.of("id", AttributeValue.fromS("it-function#"
                            + IdempotentBaselineWriter.md5(record.data()))))).item();
            assertThat(stored.get("status").s()).isEqualTo("COMPLETED");
            assertThat(admin.getItem(b -> b.tableName("it-baseline-entities")
                    .key(Map.of("pk", AttributeValue.fromS("ord-1")))).item().get("records").n()).isEqualTo("1");
        }
    }

    @Test
    void countsTheFunctionsWritesAndTheBaselineOnTheSameWorkload(EmulatorStack stack) {
        CostBenchmark benchmark = new CostBenchmark(stack, ProjectRoot.locate(), temp);

        CostBenchmark.Result result = benchmark.run(BenchFunction.CLEANSING, BenchFunction.CLEANSING.workload(300, 42));

        assertThat(result.unprocessed()).isZero();
        assertThat(result.writeRequests()).isPositive().isLessThan(result.records());
        assertThat(result.writeCapacity()).isPositive();
        assertThat(result.baselineRequests()).isBetween((long) result.records(), result.baselineDefinedRequests());
        assertThat(result.baselineCapacity()).isGreaterThan(result.writeCapacity());
    }
}
