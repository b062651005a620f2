package com.streamproc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.emulators.ProjectRoot;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmarks' harness does what the benchmarks assume: every record is applied or quarantined. */
class BenchFunctionTest {
    static java.util.List<BenchFunction> functions() {
        return BenchFunction.values();
    }

    private static final Instant ARRIVED = Instant.parse("2025-06-02T00:00:00Z");

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("functions")
    void theSingleThreadedWiringAppliesABatchAndQuarantinesExactlyItsPoison(BenchFunction function) {
        StackTables tables = StackTables.read(ProjectRoot.locate(), "test");
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        Workload workload = function.workload(1_000, 42);
        BatchProcessor<?> processor = function.singleThreaded(dynamoDb, tables);

        StreamsEventResponse response = processor.process(KinesisBatches.event(workload.records(), 0, ARRIVED),
                FakeLambdaContext.unhurried(function.moduleName()));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(dynamoDb.itemCount(tables.name(function.quarantineLogicalId())))
                .isEqualTo((int) workload.poisonCount());
        assertThat(dynamoDb.itemCount(tables.name(function.tableLogicalId()))).isPositive();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theProductionWiringProcessesTheWorkloadInBatchesWithoutFailures(BenchFunction function) {
        StackTables tables = StackTables.read(ProjectRoot.locate(), "test");
        FakeDynamoDb dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        Workload workload = function.workload(2_000, 42);
        FakeLambdaContext context = FakeLambdaContext.unhurried(function.moduleName());
        try (FunctionLog log = new FunctionLog(temp.resolve("function.log"))) {
            BatchProcessor<?> processor = log.building(() ->
                    function.production(new FunctionEnvironment(function.environment(tables)), dynamoDb));

            int failedBatches = 0;
            int index = 0;
            for (var batch : workload.batches(function.settings(ProjectRoot.locate()).batchSize())) {
                if (!processor.process(KinesisBatches.event(batch, index, ARRIVED), context).getBatchItemFailures()
                        .isEmpty()) {
                    failedBatches++;
                }
                index += batch.size();
            }

            assertThat(failedBatches).isZero();
            assertThat(dynamoDb.itemCount(tables.name(function.quarantineLogicalId())))
                    .isEqualTo((int) workload.poisonCount());
        }
        assertThat(temp.resolve("function.log")).isNotEmptyFile();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theSettingsAreTheTemplates(BenchFunction function) {
        FunctionSettings settings = function.settings(ProjectRoot.locate());

        assertThat(settings.batchSize()).isBetween(1, 10_000);
        assertThat(settings.parallelizationFactor()).isBetween(1, 10);
        assertThat(settings.maxConcurrentKeys()).isEqualTo(BenchFunction.TEMPLATE_MAX_CONCURRENT_KEYS);
        assertThat(settings.memoryMb()).isEqualTo(1024);
        assertThat(settings.architecture()).isEqualTo("arm64");
        if (function.equals(BenchFunction.byId("activity"))) {
            assertThat(settings.parallelizationFactor()).isEqualTo(1);
        }
    }
}
