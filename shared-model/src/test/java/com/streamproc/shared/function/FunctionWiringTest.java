package com.streamproc.shared.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class FunctionWiringTest {
    private static final Map<String, String> COMPLETE = Map.of("TEXT_TABLE", "t", "QUARANTINE_TABLE", "q");

    private final DynamoDbClient unusedClient = DynamoDbClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build();

    @Test
    void aMissingFunctionVariableIsNamedBeforeAnythingIsBuilt() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("QUARANTINE_TABLE", "q"));

        assertThatThrownBy(() -> FunctionWiring.checkedEnvironment(new TextFunction(), env))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TEXT_TABLE");
    }

    @Test
    void aMissingCoreVariableIsNamed() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("TEXT_TABLE", "t"));

        assertThatThrownBy(() -> new TextFunction().processor(env, unusedClient))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("QUARANTINE_TABLE");
    }

    @Test
    void everyMalformedOptionalVariableIsNamedAtColdStartNotOnFirstUse() {
        for (String name : List.of("MAX_CONCURRENT_KEYS", "QUARANTINE_TTL_DAYS", "RETRY_MAX_ATTEMPTS",
                "DYNAMODB_ENDPOINT_URL")) {
            Map<String, String> variables = new java.util.HashMap<>(COMPLETE);
            variables.put(name, "-1");

            assertThatThrownBy(() -> FunctionWiring.checkedEnvironment(new TextFunction(),
                    new FunctionEnvironment(variables))).as(name)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(name);
        }
    }

    @Test
    void readingAVariableTheDescriptorDoesNotDeclareFails() {
        FunctionEnvironment declared = FunctionWiring.checkedEnvironment(new TextFunction(),
                new FunctionEnvironment(Map.of("TEXT_TABLE", "t", "QUARANTINE_TABLE", "q", "OTHER", "x")));

        assertThatThrownBy(() -> declared.optional("OTHER", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OTHER").hasMessageContaining("not declared");
        assertThat(declared.asMap()).containsOnlyKeys("TEXT_TABLE", "QUARANTINE_TABLE");
    }

    @Test
    void theWiredProcessorUsesTheDescriptorsDecoderAndApplier() {
        TextFunction.applied.clear();
        TextFunction function = new TextFunction();
        BatchProcessor<String> processor = function.processor(new FunctionEnvironment(COMPLETE), unusedClient);

        StreamsEventResponse response = processor.process(
                KinesisEventFixture.batch().record("k", "hello").build(),
                FakeLambdaContext.withTime(60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(TextFunction.applied).contains("hello");
    }

    @Test
    void theBaseHandlerDelegatesToItsProcessor() {
        TextFunction.applied.clear();
        BatchProcessor<String> processor = BatchProcessor.builder(new TextFunction().decoder(Clock.systemUTC()),
                new TextFunction().applier(null, null, null)).quarantine(new InMemoryQuarantine()).build();

        new TextHandler(processor).handleRequest(KinesisEventFixture.batch().record("k", "one").build(),
                FakeLambdaContext.withTime(60_000));

        assertThat(TextFunction.applied).containsExactly("one");
    }

    @Test
    void theProductionConstructorChecksEveryVariableBeforeCreatingAClient() {
        Map<String, String> variables = new java.util.HashMap<>(COMPLETE);
        variables.put("DYNAMODB_ENDPOINT_URL", "not a url");

        assertThatThrownBy(() -> new TextHandler(new FunctionEnvironment(variables)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DYNAMODB_ENDPOINT_URL");
    }

    @Test
    void descriptorsAreFoundByNameEventTypeOrLogicalIdAndAnUnknownNameListsTheKnownOnes() {
        List<FunctionDescriptor<?>> known = List.of(new TextFunction());

        assertThat(FunctionDescriptors.named(known, "TEXT").name()).isEqualTo("text-function");
        assertThat(FunctionDescriptors.named(known, "textfunction").name()).isEqualTo("text-function");
        assertThatThrownBy(() -> FunctionDescriptors.named(known, "orders"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text-function (text)");
    }

    /** A function whose events are UTF-8 text, applied to a list. */
    static final class TextFunction implements FunctionDescriptor<String> {
        static final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "text-function";
        }

        @Override
        public String eventType() {
            return "text";
        }

        @Override
        public TemplateIds templateIds() {
            return new TemplateIds("TextFunction", "TextStream", "TextTable", "TextQuarantineTable");
        }

        @Override
        public Class<? extends RequestHandler<?, ?>> handlerClass() {
            return TextHandler.class;
        }

        @Override
        public String tableVariable() {
            return "TEXT_TABLE";
        }

        @Override
        public Map<String, VariableKind> variables() {
            return Map.of("TEXT_TABLE", VariableKind.REQUIRED, "MAX_CONCURRENT_KEYS", VariableKind.POSITIVE_INT);
        }

        @Override
        public TemplateIds resourceSuffixes() {
            return new TemplateIds("text", "text", "text", "text-quarantine");
        }

        @Override
        public List<String> partitionKeyFields() {
            return List.of();
        }

        @Override
        public RecordDecoder<String> decoder(Clock clock) {
            return data -> {
                String text = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
                if (text.isEmpty()) {
                    throw new PoisonRecordException("EMPTY", "no text");
                }
                return text;
            };
        }

        @Override
        public BatchApplier<String> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
            if (env != null) {
                env.required("TEXT_TABLE");
            }
            return (records, context) -> records.forEach(r -> {
                applied.add(r.event());
                context.applied(r.ref());
            });
        }

        @Override
        public List<String> primingEvents() {
            return List.of("priming");
        }
    }

    static final class TextHandler extends StreamHandler<String> {
        TextHandler(FunctionEnvironment env) {
            super(new TextFunction(), env);
        }

        TextHandler(BatchProcessor<String> processor) {
            super(processor);
        }
    }
}
