package com.streamproc.e2e.fourth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.e2e.harness.PipelineFunction;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.streamproc.tools.StreamprocTools;
import com.streamproc.tools.aws.AwsConnections;
import com.streamproc.tools.cli.ToolContext;
import com.streamproc.tools.produce.EventContract;
import com.streamproc.tools.produce.InputEvent;
import com.streamproc.tools.produce.synthetic.SyntheticTraffic;
import com.streamproc.tools.produce.FunctionContracts;
import com.streamproc.shared.decode.PoisonRecordException;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link PageCountDescriptor} is declared only in this test source set (its class and one
 * {@code META-INF/services} line): nothing else in the project names it, yet the descriptors, the tools and the
 * end-to-end harness take it up.
 */
class AFourthFunctionIsPickedUpTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("PAGES_TABLE", "pages", "QUARANTINE_TABLE",
            "pages-quarantine");

    @Test
    void theDescriptorsOnTheClassPathIncludeIt() {
        assertThat(FunctionDescriptors.all()).extracting(FunctionDescriptor::name).contains(PageCountDescriptor.NAME);
        assertThat(FunctionDescriptors.named("pages").name()).isEqualTo(PageCountDescriptor.NAME);
    }

    @Test
    void theToolsAcceptItsEventsByItsEventTypeAndCheckThemWithItsDecoder() throws Exception {
        com.streamproc.tools.aws.PipelineFunction function = com.streamproc.tools.aws.PipelineFunction.parse("pages");
        EventContract contract = FunctionContracts.standard().get(function);

        assertThat(function.streamName("dev")).isEqualTo("dev-pages");
        assertThat(function.quarantineTableName("dev")).isEqualTo("dev-pages-quarantine");
        assertThat(contract.partitionKeyOf(bytes("{\"page\":\"/home\"}"))).isEqualTo("/home");
        assertThatThrownBy(() -> contract.partitionKeyOf(bytes("{\"title\":\"Home\"}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("page");
        assertThat(contract.fallbackPartitionKey(bytes("{\"page\":\"/about\",\"x\":[}"))).startsWith("invalid-");
    }

    @Test
    void theEndToEndHarnessWiresItAsLambdaWouldAndItsRecordsAreApplied() {
        FunctionDescriptor<?> pages = FunctionDescriptors.named(PageCountDescriptor.NAME);
        int before = PageCounts.of("/pricing");

        StreamsEventResponse response = PipelineFunction.handler(pages, new FunctionEnvironment(ENVIRONMENT),
                        unusedClient())
                .handleRequest(KinesisEventFixture.batch().record("/pricing", "{\"page\":\"/pricing\"}")
                        .record("/pricing", "{\"page\":\"/pricing\"}").build(), FakeLambdaContext.withTime(60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(PageCounts.of("/pricing")).isEqualTo(before + 2);
    }

    @Test
    void theProducersGeneratorMakesUpItsTrafficValidAndBrokenOnPurpose() {
        com.streamproc.tools.aws.PipelineFunction function = com.streamproc.tools.aws.PipelineFunction.parse("pages");
        var decoder = new PageCountDescriptor().decoder(Clock.systemUTC());
        List<InputEvent> events = new ArrayList<>();

        new SyntheticTraffic(Map.of(function, 40L), 7, 25, Clock.systemUTC()).forEachRemaining(events::add);

        assertThat(events).hasSize(40).allSatisfy(e -> assertThat(e.function()).isEqualTo(function));
        int poison = 0;
        for (InputEvent event : events) {
            try {
                assertThat(decoder.decode(ByteBuffer.wrap(event.data())).page()).startsWith("/");
            } catch (PoisonRecordException e) {
                poison++;
            }
        }
        assertThat(poison).as("broken on purpose, of 40 at 25%%").isBetween(1, 39);
    }

    @Test
    void theToolsAnswerItsAnalystsQuestionsByItsEventType() {
        view("/careers");

        ToolsRun run = tools("query", "answers", "pages", "--env", "dev", "--example", "/careers", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("function,answer",
                "page-count,views of /careers in dev-pages: " + PageCounts.of("/careers"));
        assertThat(PageCounts.of("/careers")).isPositive();
    }

    @Test
    void theToolsOfferItsDeclaredQuestionsAsCommandsWithTheirOptions() {
        view("/blog");

        ToolsRun run = tools("query", "pages", "views", "--page", "/blog,/nowhere", "--env", "dev", "--format", "csv");
        ToolsRun withoutPage = tools("query", "page-count", "views", "--env", "dev");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("page,views", "/blog," + PageCounts.of("/blog"),
                "/nowhere,0");
        assertThat(PageCounts.of("/blog")).isPositive();
        assertThat(withoutPage.exitCode()).isEqualTo(2);
        assertThat(withoutPage.err()).contains("Missing required option: '--page=PATH'");
    }

    /** One view of {@code page}, through the function's handler as the harness wires it. */
    private static void view(String page) {
        FunctionDescriptor<?> pages = FunctionDescriptors.named(PageCountDescriptor.NAME);
        PipelineFunction.handler(pages, new FunctionEnvironment(ENVIRONMENT), unusedClient())
                .handleRequest(KinesisEventFixture.batch().record(page, "{\"page\":\"" + page + "\"}").build(),
                        FakeLambdaContext.withTime(60_000));
    }

    private record ToolsRun(int exitCode, String out, String err) {
    }

    private static ToolsRun tools(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine tools = StreamprocTools.commandLine(new ToolContext(new UnusedAws(), FunctionContracts::standard,
                new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
        tools.setOut(new PrintWriter(out, true));
        tools.setErr(new PrintWriter(err, true));
        int exitCode = tools.execute(args);
        return new ToolsRun(exitCode, out.toString(), err.toString());
    }

    @Test
    void itsHandlerNamesAMissingVariableAtColdStartLikeEveryFunction() {
        assertThatThrownBy(() -> new PageCountDescriptor().processor(
                new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q")), unusedClient()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PAGES_TABLE");
    }

    /** Clients that reach nothing: the fourth function's questions read no DynamoDB table. */
    private static final class UnusedAws implements AwsConnections {
        @Override
        public KinesisClient kinesis() {
            throw new UnsupportedOperationException("no Kinesis in this test");
        }

        @Override
        public DynamoDbClient dynamoDb() {
            return unusedClient();
        }

        @Override
        public SqsClient sqs() {
            throw new UnsupportedOperationException("no SQS in this test");
        }

        @Override
        public LambdaClient lambda() {
            throw new UnsupportedOperationException("no Lambda in this test");
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoDbClient unusedClient() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build();
    }
}
