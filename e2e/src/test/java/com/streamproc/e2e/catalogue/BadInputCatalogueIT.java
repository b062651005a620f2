package com.streamproc.e2e.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.e2e.catalogue.BadInputCatalogue.Case;
import com.streamproc.e2e.harness.FunctionOutput;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.local.template.LocalTemplate;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.RecordRef;
import com.streamproc.shared.dynamo.QuarantineKeys;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Feeds every entry of {@code bad-input-catalogue.json} to each real handler (production wiring, DynamoDB on
 * dynalite), all in one batch in Lambda's JSON form followed by one valid record. The handler must not throw and
 * must report no batchItemFailures (nothing blocks the shard), every poison record must be in the quarantine table
 * (read by shard and sequence number) with its reason, every accepted one applied, and the valid record after
 * them applied.
 */
@ExtendWith(EmulatorStackExtension.class)
class BadInputCatalogueIT {
    private static final BadInputCatalogue CATALOGUE = BadInputCatalogue.load();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private static LocalTemplate template;
    private static DynamoDbClient dynamoDb;
    private static EmulatorStack emulators;

    @BeforeAll
    static void createResources(EmulatorStack stack) {
        emulators = stack;
        // The production client takes region and credentials from the default chains, as on Lambda.
        System.setProperty("aws.region", stack.region());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        stack.createTemplateResources();
        template = LocalTemplate.read(stack.samTemplate());
        dynamoDb = stack.dynamoDbClient();
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedRecordIsQuarantinedWithItsReasonWithoutBlockingTheBatch() {
        return PipelineFunction.deployed(template).stream().map(function ->
                DynamicTest.dynamicTest(function.shortName(), () -> checkCatalogue(function)));
    }

    private void checkCatalogue(PipelineFunction function) {
        LocalTemplate.LocalFunction definition = template.function(function.logicalId());
        FunctionEnvironment env = new FunctionEnvironment(definition.definition().environment());
        List<Case> cases = CATALOGUE.cases(function, RUN);
        String shard = "shardId-catalogue-" + RUN;
        BigInteger first = KinesisEventFixture.FIRST_SEQUENCE;
        KinesisEventFixture batch = KinesisEventFixture.batch().shard(shard).sequence(first);
        cases.forEach(c -> batch.recordBytes(c.partitionKey(), c.data()));
        String sentinelId = "sentinel-" + RUN;
        batch.recordBytes(CATALOGUE.partitionKey(function, sentinelId), CATALOGUE.validRecord(function, sentinelId));
        // The batch as Lambda sends it, deserialized by the Lambda runtime's own serializer.
        KinesisEvent event = KinesisEventFixture.fromLambdaJson(batch.toLambdaJson());

        StreamsEventResponse response;
        PrintStream console = System.out;
        try (DynamoDbClient functionClient = AwsClients.dynamoDb(emulators.dynamoDbEndpoint());
             PrintStream functionLog = FunctionOutput.file("catalogue-function-output.log")) {
            RequestHandler<KinesisEvent, StreamsEventResponse> handler;
            System.setOut(functionLog); // the handler's log lines go to the file (it binds System.out when built)
            try {
                handler = function.handler(env, functionClient);
            } finally {
                System.setOut(console);
            }
            response = handler.handleRequest(event, FakeLambdaContext.withTime(60_000));
        }

        assertThat(response.getBatchItemFailures()).as("batchItemFailures of " + function.shortName()).isEmpty();
        String quarantine = definition.definition().environment().get("QUARANTINE_TABLE");
        String table = template.resources().physicalName(function.tableId());
        List<String> wrong = new ArrayList<>();
        int quarantined = 0;
        int applied = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String sequence = first.add(BigInteger.valueOf(i)).toString();
            Optional<String> reason = quarantineReason(quarantine, shard, sequence);
            if (c.expectsApplied()) {
                if (reason.isPresent()) {
                    wrong.add(c.entryId() + ": expected APPLIED, quarantined as " + reason.get());
                } else {
                    function.model().acceptedRecordProblem(dynamoDb, table, c.entryId() + "-" + RUN, c.appliedChecks())
                            .ifPresent(problem -> wrong.add(c.entryId() + ": " + problem));
                    applied++;
                }
            } else if (reason.isEmpty()) {
                wrong.add(c.entryId() + ": expected " + c.expectedReason() + ", not quarantined");
            } else if (!reason.get().equals(c.expectedReason())) {
                wrong.add(c.entryId() + ": expected " + c.expectedReason() + ", quarantined as " + reason.get());
            } else {
                quarantined++;
            }
        }
        function.model().acceptedRecordProblem(dynamoDb, table, sentinelId, Map.of())
                .ifPresent(problem -> wrong.add("the valid record after the catalogue: " + problem));
        System.out.printf("[catalogue] %s: %d entries, %d quarantined with the expected reason, %d applied, "
                + "batchItemFailures %d, wrong %d%n", function.shortName(), cases.size(), quarantined, applied,
                response.getBatchItemFailures().size(), wrong.size());
        wrong.forEach(w -> System.out.println("[catalogue]   WRONG " + function.shortName() + " " + w));
        assertThat(wrong).as(function.shortName()).isEmpty();
    }

    private static Optional<String> quarantineReason(String table, String shard, String sequence) {
        GetItemResponse item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(QuarantineKeys.tableKey(shard, RecordRef.padSequence(sequence))));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(item.item().get("reason").s()) : Optional.empty();
    }
}
