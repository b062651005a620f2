package com.streamproc.e2e;

import com.streamproc.e2e.generate.Delivered;
import com.streamproc.e2e.generate.Produced;
import com.streamproc.e2e.generate.StreamPosition;
import com.streamproc.e2e.harness.AggregatingStreamProducer;
import com.streamproc.e2e.harness.EnvironmentPool;
import com.streamproc.e2e.harness.FaultCounts;
import com.streamproc.e2e.harness.FaultSchedule;
import com.streamproc.e2e.harness.GiveUpOutage;
import com.streamproc.e2e.harness.InProcessInvoker;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.e2e.harness.RecordingDestination;
import com.streamproc.e2e.harness.RunListener;
import com.streamproc.e2e.harness.StreamProducer;
import com.streamproc.e2e.model.EndToEndModel;
import com.streamproc.e2e.verify.Mismatches;
import com.streamproc.e2e.verify.QuarantineCheck;
import com.streamproc.emulators.AwsClients;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.ResourceFactory;
import com.streamproc.emulators.TemplateResources;
import com.streamproc.local.esm.BatchResponse;
import com.streamproc.local.esm.DiscardedBatch;
import com.streamproc.local.esm.EsmSettings;
import com.streamproc.local.esm.EventSourceMapping;
import com.streamproc.local.esm.InvocationOutcome;
import com.streamproc.local.esm.KinesisBatch;
import com.streamproc.local.esm.SourceIdentity;
import com.streamproc.local.esm.StreamRecord;
import com.streamproc.local.stack.KinesisShards;
import com.streamproc.local.template.LocalTemplate;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.dynamo.QuarantineShardReader;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The whole pipeline on the emulators, one seed at a time: fresh tables and streams from sam-template.yaml, each
 * function's generated input ({@link EndToEndModel}) put on its stream, the functions fed by the local event source
 * mapping (its
 * BatchRunner rules: checkpoints from batchItemFailures, bisection on function errors, retries) through an
 * in-process invoker that injects faults, and afterwards the tables compared with reference models computed from
 * the input alone.
 */
final class FaultyPipeline implements AutoCloseable {
    /** Resource names get this prefix; the bad-input catalogue uses the template's default ("local"). */
    static final String ENVIRONMENT = "e2e";
    static final int SHARDS = 3;
    /**
     * Backoff of the functions' TransientRetry, shortened from 50 ms..2 s so that throttling storms cost less wall
     * time; the retry logic, attempts and deadline handling are unchanged.
     */
    static final Map<String, String> FAST_RETRIES = Map.of("RETRY_BASE_DELAY_MS", "10", "RETRY_MAX_DELAY_MS", "200");
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(4);
    static final int MAX_BATCH = 25;

    /** Each seed recreates the tables: the note that TTL is not emulated would repeat for every one of them. */
    private static final Logger RESOURCE_LOG = Logger.getLogger(ResourceFactory.class.getName());

    static {
        RESOURCE_LOG.setLevel(Level.WARNING);
    }

    private final EmulatorStack stack;
    private final LocalTemplate template;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final List<PipelineFunction> functions;
    private final Map<PipelineFunction, EnvironmentPool> pools = new LinkedHashMap<>();
    private final Map<PipelineFunction, Duration> deadlineMargins = new LinkedHashMap<>();
    private final Map<PipelineFunction, AggregatingStreamProducer.Summary> aggregation = new LinkedHashMap<>();

    /** Records of the last run redriven from the quarantine: their new position on the stream, and the original. */
    private final Map<StreamPosition, StreamPosition> redriven = new HashMap<>();

    /** Requests at once per function against the emulators (see the constructor). */
    static final int EMULATOR_MAX_CONCURRENT_KEYS = 8;

    FaultyPipeline(EmulatorStack stack) {
        this.stack = stack;
        this.template = LocalTemplate.read(stack.samTemplate(),
                Map.of("EnvironmentName", ENVIRONMENT, "ShardCount", Integer.toString(SHARDS)));
        this.kinesis = stack.kinesisClient();
        this.dynamoDb = stack.dynamoDbClient();
        this.functions = PipelineFunction.deployed(template);
        for (PipelineFunction function : functions) {
            Map<String, String> env = new HashMap<>(template.function(function.logicalId()).definition().environment());
            env.putAll(FAST_RETRIES);
            // The template's MAX_CONCURRENT_KEYS (100) is for DynamoDB. dynalite is one Node.js process, and it
            // exits when a client gives up on a request it is still reading (its request 'error' handler throws):
            // a hundred requests at once per function, on this machine, make the SDK time some of them out.
            env.put("MAX_CONCURRENT_KEYS", Integer.toString(Math.min(EMULATOR_MAX_CONCURRENT_KEYS,
                    Integer.parseInt(env.getOrDefault("MAX_CONCURRENT_KEYS", "8")))));
            FunctionEnvironment environment = new FunctionEnvironment(env);
            deadlineMargins.put(function, Duration.ofMillis(Long.parseLong(
                    environment.optional("DEADLINE_MARGIN_MS", "3000"))));
            pools.put(function, new EnvironmentPool(function.descriptor(), environment, stack.dynamoDbEndpoint()));
        }
    }

    /** Functions whose descriptor is on the class path but which the template does not deploy: not run. */
    List<String> notDeployed() {
        return PipelineFunction.notDeployed(template);
    }

    /** The functions this run covers: every function of the template, each with its end-to-end model. */
    List<PipelineFunction> functions() {
        return functions;
    }

    SeedReport run(long seed, int scale, FaultSchedule.Rates rates) throws InterruptedException {
        return run(seed, scale, rates, false, false);
    }

    SeedReport run(long seed, int scale, FaultSchedule.Rates rates, boolean aggregated) throws InterruptedException {
        return run(seed, scale, rates, aggregated, false);
    }

    /**
     * @param aggregated put the input as a Kinesis Producer Library producer would ({@link AggregatingStreamProducer}):
     *                   most records in KPL aggregates per shard, some aggregates twice; {@link #aggregation()} then
     *                   says what was put
     * @param giveUp     add a {@link GiveUpOutage} on each function's first shard: the mappings whose template
     *                   settings give up do so on its records, later batches succeed, and after the run the given-up
     *                   ranges are replayed with their own sequence numbers, as {@code tools failures replay} does;
     *                   a mapping that never gives up rides the outage out, and its held-back records are replayed
     *                   all the same (an operator replaying a range twice)
     */
    SeedReport run(long seed, int scale, FaultSchedule.Rates rates, boolean aggregated, boolean giveUp)
            throws InterruptedException {
        SeedReport report = new SeedReport(seed);
        redriven.clear();
        recreateResources();
        aggregation.clear();

        // Everything is on the streams before the mappings start, so each lane gets batches as large as its share.
        long started = System.nanoTime();
        Map<PipelineFunction, Integer> delivered = new LinkedHashMap<>();
        List<PutInput<?>> inputs = new ArrayList<>();
        for (PipelineFunction function : functions) {
            inputs.add(generateAndPut(function, seed, scale, aggregated, giveUp, delivered));
        }
        Duration putTime = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        Map<PipelineFunction, MappingRun> runs = new LinkedHashMap<>();
        try {
            int outageLength = giveUp ? outageLength() : 0;
            for (PipelineFunction function : functions) {
                runs.put(function, startMapping(function, seed, rates, outageLength));
            }
            awaitDrained(runs, delivered, report);
        } finally {
            runs.values().forEach(run -> run.mapping().close());
        }
        if (giveUp) {
            runs.forEach((function, run) -> replayGivenUp(function, run, report));
            for (PutInput<?> input : inputs) {
                redriveAfterReplay(input.function(), runs.get(input.function()), input.delivered(), report);
            }
        }
        Duration processTime = Duration.ofNanos(System.nanoTime() - started);

        // The checks read different tables: run them side by side.
        started = System.nanoTime();
        Map<PipelineFunction, CompletableFuture<Checked>> checks = new LinkedHashMap<>();
        for (PutInput<?> input : inputs) {
            PipelineFunction function = input.function();
            checks.put(function, CompletableFuture.supplyAsync(() ->
                    input.check(dynamoDb, tableOf(function), quarantineOf(function), redriven)));
        }
        checks.forEach((function, check) -> {
            Checked checked = check.join();
            report.put(function, figures(runs.get(function), checked.records(), checked.poison(),
                    checked.duplicates(), checked.mismatches()));
        });
        Duration verifyTime = Duration.ofNanos(System.nanoTime() - started);
        report.times(putTime, processTime, verifyTime);
        return report;
    }

    /** One function's input as put on its stream, with the model that predicts its effect. */
    private record PutInput<I>(PipelineFunction function, EndToEndModel<I> model, List<Delivered<I>> delivered) {
        /** The model's state check and the quarantine check, against the reference computed from the input. */
        Checked check(DynamoDbClient dynamoDb, String table, String quarantineTable,
                      Map<StreamPosition, StreamPosition> redriven) {
            EndToEndModel.Verdict verdict = model.verify(delivered, dynamoDb, table);
            Mismatches mismatches = new Mismatches();
            mismatches.addAll(verdict.mismatches());
            mismatches.addAll(QuarantineCheck.compare(dynamoDb, quarantineTable, verdict.poison(), delivered,
                    redriven));
            return new Checked(delivered.size(), verdict.poison().size(), verdict.duplicates(), mismatches);
        }
    }

    private record Checked(int records, int poison, int duplicates, Mismatches mismatches) {
    }

    @SuppressWarnings("unchecked") // the model's intent type is the one of the input it generates
    private <I> PutInput<I> generateAndPut(PipelineFunction function, long seed, int scale, boolean aggregated,
                                           boolean giveUp, Map<PipelineFunction, Integer> kinesisRecords) {
        EndToEndModel<I> model = (EndToEndModel<I>) function.model();
        List<Produced<I>> input = giveUp ? model.generateForGiveUp(seed, scale) : model.generate(seed, scale);
        List<Delivered<I>> delivered = put(function, input, aggregated, seed, model::isPoison, kinesisRecords);
        return new PutInput<>(function, model, delivered);
    }

    /**
     * Puts one function's input on its stream and notes in {@code kinesisRecords} how many Kinesis records that
     * made (what its mapping must get through): one per record, or with aggregation fewer.
     */
    private <I> List<Delivered<I>> put(PipelineFunction function, List<Produced<I>> records, boolean aggregated,
                                       long seed, Predicate<I> poison, Map<PipelineFunction, Integer> kinesisRecords) {
        if (!aggregated) {
            List<Delivered<I>> delivered = StreamProducer.put(kinesis, streamOf(function), records);
            kinesisRecords.put(function, delivered.size());
            return delivered;
        }
        // Aggregates of several keys only where the mapping keeps one lane per shard (ParallelizationFactor 1).
        boolean acrossKeys = template.function(function.logicalId()).kinesisSources().get(0).settings()
                .parallelizationFactor() == 1;
        AggregatingStreamProducer.Result<I> result = AggregatingStreamProducer.put(kinesis, streamOf(function),
                records, seed * 31 + function.index(), acrossKeys, poison);
        kinesisRecords.put(function, result.summary().kinesisRecords());
        aggregation.put(function, result.summary());
        return result.delivered();
    }

    /** What the last aggregated run put on each stream; empty after a plain run. */
    Map<PipelineFunction, AggregatingStreamProducer.Summary> aggregation() {
        return Map.copyOf(aggregation);
    }

    /** One function's mapping during one seed; {@code outage} is null without a give-up outage. */
    private record MappingRun(EventSourceMapping mapping, RunListener listener, InProcessInvoker invoker,
                              RecordingDestination destination, FaultCounts faults, EnvironmentPool pool,
                              int environmentsBefore, ConcurrentLinkedQueue<String> log, SourceIdentity identity,
                              GiveUpOutage outage, AtomicLong replayed) {
    }

    /**
     * How many failed invocations a held-back record meets before the outage is over for it: twice what the template's
     * finite {@code MaximumRetryAttempts} allow (plus the attempts of the batch halves), so that every mapping with
     * finite retries gives up first.
     */
    private int outageLength() {
        int finite = 0;
        for (PipelineFunction function : functions) {
            finite = Math.max(finite, template.function(function.logicalId()).kinesisSources().get(0).settings()
                    .maximumRetryAttempts());
        }
        return 2 * (finite + 1) + 10;
    }

    /**
     * Replays, after the run, what the outage held back, as {@code tools failures replay} does with an on-failure
     * record: the records with their own sequence numbers, in order, in batches of at most the mapping's size, again
     * from the first record the function reports failed. For a mapping that gave up these are its on-failure ranges;
     * for one that never gives up (it must have sent nothing to its destination) the same records, applied already.
     */
    private void replayGivenUp(PipelineFunction function, MappingRun run, SeedReport report) {
        boolean neverGivesUp = function.descriptor().neverGivesUp();
        List<DiscardedBatch> givenUp = run.destination().received();
        List<Map.Entry<String, List<StreamRecord>>> ranges = new ArrayList<>();
        givenUp.forEach(batch -> ranges.add(Map.entry(batch.shardId(), batch.records())));
        if (neverGivesUp) {
            if (!givenUp.isEmpty()) {
                report.problem(function.shortName() + " never gives up, yet its mapping sent " + givenUp.size()
                        + " on-failure record(s)");
            }
            ranges.add(Map.entry(run.outage().shardId(), run.outage().targets()));
        } else if (givenUp.isEmpty()) {
            report.problem(function.shortName() + ": the outage made its mapping give up on nothing (a held-back"
                    + " record failed " + run.outage().mostFailures() + " times)");
        }
        List<String> before = neverGivesUp ? snapshot(tableOf(function)) : List.of();
        InProcessInvoker clean = new InProcessInvoker(run.pool(), new FaultSchedule(0, FaultSchedule.Rates.NONE,
                deadlineMargins.get(function), template.function(function.logicalId()).definition().timeout()),
                new FaultCounts());
        for (Map.Entry<String, List<StreamRecord>> shardRange : ranges) {
            List<StreamRecord> range = shardRange.getValue();
            int position = 0;
            int attempts = 0;
            while (position < range.size()) {
                List<StreamRecord> batch = range.subList(position, Math.min(range.size(), position + MAX_BATCH));
                InvocationOutcome outcome = clean.invoke("replay-" + attempts, new KinesisBatch(
                        shardRange.getKey(), batch, run.identity()));
                BatchResponse response = outcome instanceof InvocationOutcome.Returned returned
                        ? BatchResponse.interpret(returned.payload(), batch, true)
                        : new BatchResponse.WholeBatchFailed("function error");
                if (response instanceof BatchResponse.AllSucceeded) {
                    position += batch.size();
                    run.replayed().addAndGet(neverGivesUp ? 0 : batch.size());
                } else if (response instanceof BatchResponse.FailedFrom partial) {
                    position += partial.index();
                    run.replayed().addAndGet(neverGivesUp ? 0 : partial.index());
                }
                if (++attempts > 50) {
                    report.problem(function.shortName() + ": the replay of a given-up range did not finish: "
                            + response);
                    break;
                }
            }
        }
        unexpectedDuringReplay(function, clean, report);
        if (neverGivesUp && !snapshot(tableOf(function)).equals(before)) {
            report.problem(function.shortName() + ": replaying a range it had applied changed its table");
        }
    }

    /** Every item of a table, rendered, in a stable order. */
    private List<String> snapshot(String table) {
        List<String> items = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.add(new java.util.TreeMap<>(item).toString()));
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /**
     * The redrive after a replay ({@code quarantine redrive --record ...}): each quarantined record with one of
     * the reasons its model names ({@code EndToEndModel#reasonsAfterAGiveUp}) that came after a given-up record of its key, in stream order, leaves
     * the quarantine and goes to the function again;
     * it is put on the stream again under a new sequence number (the quarantine item deleted after), and the function
     * gets it as its mapping would: it is applied now, or quarantined again with its reason (the quarantine check
     * takes that item for the original record's, {@link #redriven}).
     */
    private void redriveAfterReplay(PipelineFunction function, MappingRun run, List<? extends Delivered<?>> delivered,
                                    SeedReport report) {
        Set<String> reasons = function.model().reasonsAfterAGiveUp();
        if (reasons.isEmpty() || run.destination().received().isEmpty()) {
            return;
        }
        Map<StreamPosition, Delivered<?>> byPosition = new HashMap<>();
        delivered.forEach(d -> byPosition.put(d.position(), d));
        // Per shard and key, the first record given up: only what followed it can have been quarantined because of it.
        Map<String, BigInteger> firstGivenUp = new HashMap<>();
        run.destination().received().forEach(batch -> batch.records().forEach(r -> firstGivenUp.merge(
                r.shardId() + "/" + r.partitionKey(), r.sequence(), BigInteger::min)));
        String quarantine = quarantineOf(function);
        List<Map<String, AttributeValue>> selected = new ArrayList<>();
        for (String shard : new TreeSet<>(delivered.stream().map(d -> d.position().shardId()).toList())) {
            new QuarantineShardReader(dynamoDb, quarantine).items(shard).stream()
                    .filter(item -> reasons.contains(item.get("reason").s()) && !item.containsKey("subSequenceNumber"))
                    .filter(item -> {
                        BigInteger givenUp = firstGivenUp.get(shard + "/" + item.get("partitionKey").s());
                        return givenUp != null && new BigInteger(item.get("sequenceNumber").s()).compareTo(givenUp) > 0;
                    })
                    .sorted(Comparator.comparing(item -> new BigInteger(item.get("sequenceNumber").s())))
                    .forEach(selected::add);
        }
        InProcessInvoker clean = new InProcessInvoker(run.pool(), new FaultSchedule(0, FaultSchedule.Rates.NONE,
                deadlineMargins.get(function), template.function(function.logicalId()).definition().timeout()),
                new FaultCounts());
        for (Map<String, AttributeValue> item : selected) {
            Delivered<?> record = byPosition.get(new StreamPosition(item.get("shardId").s(),
                    item.get("sequenceNumber").s(), null));
            if (record == null) {
                report.problem(function.shortName() + ": a quarantined record of no delivered position: " + item);
                continue;
            }
            var put = kinesis.putRecord(b -> b.streamName(streamOf(function)).partitionKey(
                    record.record().partitionKey()).data(SdkBytes.fromByteArray(record.record().data())));
            dynamoDb.deleteItem(b -> b.tableName(quarantine).key(Map.of("shardBucket", item.get("shardBucket"),
                    "sequenceKey", item.get("sequenceKey"))));
            redriven.put(new StreamPosition(put.shardId(), put.sequenceNumber(), null), record.position());
            StreamRecord again = new StreamRecord(put.shardId(), put.sequenceNumber(), record.record().partitionKey(),
                    record.record().data(), Instant.now());
            InvocationOutcome outcome = clean.invoke("redrive", new KinesisBatch(again.shardId(), List.of(again),
                    run.identity()));
            if (!(outcome instanceof InvocationOutcome.Returned returned) || !(BatchResponse.interpret(
                    returned.payload(), List.of(again), true) instanceof BatchResponse.AllSucceeded)) {
                report.problem(function.shortName() + ": the redrive of " + record.position() + " failed: " + outcome);
            }
        }
        unexpectedDuringReplay(function, clean, report);
    }

    private static void unexpectedDuringReplay(PipelineFunction function, InProcessInvoker invoker,
                                               SeedReport report) {
        invoker.unexpectedErrors().forEach(error -> report.problem(function.shortName()
                + ": unexpected function error during the replay: " + error));
    }

    private MappingRun startMapping(PipelineFunction function, long seed, FaultSchedule.Rates rates,
                                    int outageLength) {
        LocalTemplate.LocalFunction definition = template.function(function.logicalId());
        LocalTemplate.KinesisSource source = definition.kinesisSources().get(0);
        // The template's mapping, without the batching window (the records are all there when it starts) and with
        // batches of at most MAX_BATCH records, so that a seed's few hundred records make dozens of invocations.
        EsmSettings settings = source.settings().withBatchingWindow(Duration.ZERO)
                .withBatchSize(Math.min(MAX_BATCH, source.settings().batchSize()));
        SourceIdentity identity = new SourceIdentity(source.streamArn(), stack.region(),
                "arn:aws:iam::" + AwsClients.ACCOUNT_ID + ":role/" + definition.definition().functionName() + "-role",
                definition.definition().functionArn(stack.region(), AwsClients.ACCOUNT_ID));
        FaultCounts faults = new FaultCounts();
        FaultSchedule schedule = new FaultSchedule(seed * 7919 + function.index(), rates,
                deadlineMargins.get(function), definition.definition().timeout());
        EnvironmentPool pool = pools.get(function);
        InProcessInvoker invoker = new InProcessInvoker(pool, schedule, faults);
        RunListener listener = new RunListener();
        RecordingDestination destination = new RecordingDestination();
        ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
        KinesisShards shards = new KinesisShards(kinesis, source.streamName());
        GiveUpOutage outage = outageLength == 0 ? null : new GiveUpOutage(invoker, destination,
                firstShard(source.streamName()), outageLength, faults);
        // Under the outage the mapping retries a thousand times and more: its pauses are not waited out.
        EventSourceMapping mapping = new EventSourceMapping(function.shortName(), settings, identity, shards,
                outage == null ? invoker : outage, destination, listener, Clock.systemUTC(), log::add,
                outage == null ? duration -> Thread.sleep(Math.min(duration.toMillis(), 20)) : duration -> { });
        try {
            mapping.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the mapping of " + function.shortName(), e);
        }
        return new MappingRun(mapping, listener, invoker, destination, faults, pool, pool.created(), log, identity,
                outage, new AtomicLong());
    }

    private String firstShard(String streamName) {
        return kinesis.listShards(b -> b.streamName(streamName)).shards().get(0).shardId();
    }

    private void awaitDrained(Map<PipelineFunction, MappingRun> runs, Map<PipelineFunction, Integer> delivered,
                              SeedReport report) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (true) {
            boolean drained = true;
            for (PipelineFunction function : runs.keySet()) {
                var counters = runs.get(function).listener().counters();
                drained &= counters.succeeded() + counters.discarded() >= delivered.get(function);
            }
            if (drained) {
                return;
            }
            if (System.nanoTime() > deadline) {
                runs.forEach((function, run) -> {
                    var c = run.listener().counters();
                    report.problem(function.shortName() + " did not drain within " + DRAIN_LIMIT.toMinutes()
                            + " min: " + (c.succeeded() + c.discarded()) + " of " + delivered.get(function)
                            + " records done; mapping log: " + run.log());
                });
                return;
            }
            Thread.sleep(50);
        }
    }

    private SeedReport.FunctionFigures figures(MappingRun run, int records, int poison, int duplicates,
                                               Mismatches mismatches) {
        var counters = run.listener().counters();
        List<String> unexpected = new ArrayList<>(run.invoker().unexpectedErrors());
        run.log().forEach(line -> unexpected.add("mapping: " + line));
        return new SeedReport.FunctionFigures(records, poison, duplicates, counters.invocations(),
                counters.functionErrors(), counters.partialFailures(), run.listener().recordsSent(),
                run.listener().singleRecordBatches(), counters.discarded(), run.replayed().get(),
                run.pool().created() - run.environmentsBefore(), run.faults().snapshot(), unexpected,
                mismatches.list());
    }

    /** Deletes this environment's tables and streams if they exist and creates them anew: each seed starts empty. */
    private void recreateResources() {
        TemplateResources resources = template.resources();
        for (TemplateResources.Table table : resources.tables()) {
            try {
                dynamoDb.deleteTable(b -> b.tableName(table.tableName()));
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException absent) {
                // First seed: nothing to delete.
            }
        }
        for (TemplateResources.Stream stream : resources.streams()) {
            try {
                kinesis.deleteStream(b -> b.streamName(stream.streamName()).enforceConsumerDeletion(true));
                awaitStreamGone(stream.streamName());
            } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException absent) {
                // First seed: nothing to delete.
            }
        }
        awaitTablesGone(resources);
        new ResourceFactory(dynamoDb, kinesis).createAll(resources);
    }

    private void awaitTablesGone(TemplateResources resources) {
        for (TemplateResources.Table table : resources.tables()) {
            for (int i = 0; i < 400; i++) {
                try {
                    dynamoDb.describeTable(b -> b.tableName(table.tableName()));
                } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException gone) {
                    break;
                }
                pause();
            }
        }
    }

    private void awaitStreamGone(String streamName) {
        for (int i = 0; i < 400; i++) {
            try {
                kinesis.describeStreamSummary(b -> b.streamName(streamName));
            } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException gone) {
                return;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String streamOf(PipelineFunction function) {
        return template.function(function.logicalId()).kinesisSources().get(0).streamName();
    }

    private String tableOf(PipelineFunction function) {
        return template.resources().physicalName(function.tableId());
    }

    private String quarantineOf(PipelineFunction function) {
        return template.resources().physicalName(function.quarantineTableId());
    }

    @Override
    public void close() {
        pools.values().forEach(EnvironmentPool::close);
        kinesis.close();
        dynamoDb.close();
    }
}
