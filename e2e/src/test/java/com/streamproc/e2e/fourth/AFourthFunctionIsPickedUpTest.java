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
import com.streamproc.tools.produce.EventContract;
import com.streamproc.tools.produce.FunctionContracts;
import com.streamproc.shared.decode.PoisonRecordException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    void itsHandlerNamesAMissingVariableAtColdStartLikeEveryFunction() {
        assertThatThrownBy(() -> new PageCountDescriptor().processor(
                new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q")), unusedClient()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PAGES_TABLE");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static DynamoDbClient unusedClient() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build();
    }
}
