package com.streamproc.e2e.fourth;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.batch.BatchApplier;
import com.streamproc.shared.decode.EventJson;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.RecordDecoder;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.TemplateIds;
import com.streamproc.shared.function.VariableKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fourth function that exists only in this test source set: page views counted per page, in memory. It shows
 * what a new function brings (this descriptor, its handler, its {@code META-INF/services} line) and what the rest of
 * the project then does with it without being told.
 */
public final class PageCountDescriptor implements FunctionDescriptor<PageView> {
    public static final String NAME = "page-count";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String eventType() {
        return "pages";
    }

    @Override
    public TemplateIds templateIds() {
        return new TemplateIds("PageCountFunction", "PagesStream", "PagesTable", "PagesQuarantineTable");
    }

    @Override
    public TemplateIds resourceSuffixes() {
        return new TemplateIds(NAME, "pages", "pages", "pages-quarantine");
    }

    @Override
    public Class<? extends RequestHandler<?, ?>> handlerClass() {
        return PageCountHandler.class;
    }

    @Override
    public String tableVariable() {
        return "PAGES_TABLE";
    }

    @Override
    public Map<String, VariableKind> variables() {
        return Map.of("PAGES_TABLE", VariableKind.REQUIRED);
    }

    @Override
    public List<String> partitionKeyFields() {
        return List.of("page");
    }

    @Override
    public RecordDecoder<PageView> decoder(Clock clock) {
        return new RecordDecoder<>() {
            @Override
            public PageView decode(ByteBuffer data) throws PoisonRecordException {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                JsonNode tree;
                try {
                    tree = EventJson.mapper().readTree(bytes);
                } catch (IOException | RuntimeException e) {
                    throw new PoisonRecordException("INVALID_JSON", "not a JSON object");
                }
                JsonNode page = tree == null ? null : tree.get("page");
                if (page == null || !page.isTextual() || page.asText().isBlank()) {
                    throw new PoisonRecordException("MISSING_FIELD", "page");
                }
                return new PageView(page.asText());
            }

            @Override
            public String requiredPartitionKey(PageView event) {
                return event.page();
            }
        };
    }

    @Override
    public BatchApplier<PageView> applier(FunctionEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        env.required("PAGES_TABLE");
        return (records, context) -> records.forEach(record -> {
            PageCounts.add(record.event().page());
            context.applied(record.ref());
        });
    }

    @Override
    public List<String> primingEvents() {
        return List.of("{\"page\":\"/priming\"}");
    }
}
