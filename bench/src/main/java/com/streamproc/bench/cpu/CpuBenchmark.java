package com.streamproc.bench.cpu;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.bench.BenchFunction;
import com.streamproc.bench.StackTables;
import com.streamproc.bench.fake.FakeDynamoDb;
import com.streamproc.bench.workload.KinesisBatches;
import com.streamproc.bench.workload.Workload;
import com.streamproc.bench.workload.WorkloadRecord;
import com.streamproc.emulators.ProjectRoot;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.dynamo.QuarantineWriter;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.testing.FakeLambdaContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CPU per record: one batch of {@value #BATCH} records of the function's workload through the function's decoder,
 * validation, fold/aggregate/merge and item building, with DynamoDB replaced by the in-memory
 * {@link FakeDynamoDb} (no delay, emptied before every batch so each batch starts from the same state), one key
 * at a time; against Jackson's {@code ObjectMapper.readTree} of the same payload bytes. Scores are nanoseconds per
 * record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CpuBenchmark.BATCH)
public class CpuBenchmark {
    public static final int BATCH = 1000;
    public static final long SEED = 42;
    /** Arrival time of the benchmark batches: after every event time of the workloads. */
    static final Instant ARRIVED_AT = Instant.parse("2025-06-02T00:00:00Z");

    // No default list: CpuRunner forks one JVM per function and passes its id (every function found, none named here).
    @Param({})
    public String function;

    private final ObjectMapper rawMapper = new ObjectMapper();
    private List<byte[]> payloads;
    private KinesisEvent event;
    private FakeDynamoDb dynamoDb;
    private BatchProcessor<?> processor;
    private FakeLambdaContext context;
    private RecordDecoder<?> decoder;
    private BatchProcessor<ByteBuffer> core;

    @Setup
    public void setUp() {
        BenchFunction f = BenchFunction.byId(function);
        Workload workload = f.workload(BATCH, SEED);
        payloads = workload.records().stream().map(WorkloadRecord::data).toList();
        event = KinesisBatches.event(workload.records(), 0, ARRIVED_AT);
        StackTables tables = StackTables.read(ProjectRoot.locate(), "cpu");
        dynamoDb = new FakeDynamoDb(tables.keyAttributes(), Duration.ZERO);
        processor = f.singleThreaded(dynamoDb, tables);
        context = FakeLambdaContext.unhurried(f.moduleName());
        decoder = f.decoder(Clock.systemUTC());
        core = new BatchProcessor<>(data -> data, (records, applied) -> records.forEach(r -> applied.applied(r.ref())),
                (poison, retry) -> new QuarantineWriter.Result(Set.of(), null), BatchProcessorConfig.defaults("core"),
                summary -> { });
        StreamsEventResponse first = function();
        if (!first.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException(function + ": the benchmark batch reported a failure: "
                    + first.getBatchItemFailures());
        }
    }

    /** The function's processing of one batch, from a fresh in-memory table. */
    @Benchmark
    public StreamsEventResponse function() {
        dynamoDb.reset();
        return processor.process(event, context);
    }

    /** The function's decoder alone over the same payloads: how much of the work is decoding and validating. */
    @Benchmark
    public void decode(Blackhole blackhole) {
        for (byte[] payload : payloads) {
            try {
                blackhole.consume(decoder.decode(ByteBuffer.wrap(payload)));
            } catch (PoisonRecordException poison) {
                blackhole.consume(poison);
            }
        }
    }

    /**
     * The batch core alone on the same batch: {@code BatchProcessor} with a decoder that returns the bytes and an
     * applier that marks every record applied, so what is left is the core's own per-record bookkeeping.
     */
    @Benchmark
    public StreamsEventResponse batchCore() {
        return core.process(event, context);
    }

    /** The baseline: a plain Jackson tree parse of every payload of the same batch. */
    @Benchmark
    public void rawReadTree(Blackhole blackhole) {
        for (byte[] payload : payloads) {
            try {
                blackhole.consume(rawMapper.readTree(payload));
            } catch (JsonProcessingException malformed) {
                blackhole.consume(malformed);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
