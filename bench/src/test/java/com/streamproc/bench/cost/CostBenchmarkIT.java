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
import java.util.List;
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
    void thePowertoolsBaselineSendsThreeRequestsForANewPayloadAndPutPlusGetForARepeatedOne(EmulatorStack stack) {
        SdkCallCounter counter = new SdkCallCounter();
        try (DynamoDbClient admin = stack.dynamoDbClient();
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(stack.dynamoDbEndpoint(), counter)) {
            CostBenchmark.createSimpleTable(admin, "it-baseline-idempotency", "id");
            CostBenchmark.createSimpleTable(admin, "it-baseline-entities", "pk");
            IdempotentBaselineWriter writer = new IdempotentBaselineWriter(dynamoDb, "it-baseline-idempotency",
                    logicalId -> "it-baseline-entities", "it-function", Clock.systemUTC());
            WorkloadRecord record = new WorkloadRecord("ord-1",
                    "{\"eventId\":\"e1\"}".getBytes(StandardCharsets.UTF_8), "applied");
            List<RecordEffects.Update> updates = List.of(new RecordEffects.Update("Entities",
                    Map.of("pk", AttributeValue.fromS("ord-1")), Map.of("records", AttributeValue.fromN("1"))));

            boolean first = writer.process(record, updates, false);
            long afterFirst = counter.writeRequests();
            boolean repeat = writer.process(record, updates, false);

            assertThat(first).isTrue();
            assertThat(afterFirst).isEqualTo(3);
            assertThat(repeat).isFalse();
            assertThat(counter.writeRequests()).isEqualTo(4);
            assertThat(counter.calls("GetItem")).isEqualTo(1);
            Map<String, AttributeValue> stored = admin.getItem(b -> b.tableName("it-baseline-idempotency")
                    .key(Map.of("id", AttributeValue.fromS("it-function#"
                            + IdempotentBaselineWriter.md5(record.data()))))).item();
            assertThat(stored.get("status").s()).isEqualTo("COMPLETED");
            assertThat(admin.getItem(b -> b.tableName("it-baseline-entities")
                    .key(Map.of("pk", AttributeValue.fromS("ord-1")))).item().get("records").n()).isEqualTo("1");
        }
    }

    @Test
    void billsTheFunctionAndBothBaselinesOnTheSameWorkload(EmulatorStack stack) {
        CostBenchmark benchmark = new CostBenchmark(stack, ProjectRoot.locate(), temp);

        CostBenchmark.Result result = benchmark.run(BenchFunction.byId("cleansing"), BenchFunction.byId("cleansing").workload(300, 42));

        assertThat(result.unprocessed()).isZero();
        assertThat(result.writeRequests()).isPositive().isLessThan(result.records());
        for (CostBenchmark.Design design : List.of(result.measured(), result.powertools(), result.naive())) {
            assertThat(design.unmetered()).as(design.name()).isEmpty();
            assertThat(design.units().tableWru()).as(design.name()).isPositive();
        }
        // The meter's table units agree with what dynalite reports for the same writes.
        assertThat(result.measured().units().tableWru()).isEqualTo(result.measured().reportedWrite());
        assertThat(result.powertools().units().totalWru()).isGreaterThan(result.measured().units().totalWru());
        assertThat(result.powertools().requests()).isGreaterThan(result.naive().requests());
    }
}
