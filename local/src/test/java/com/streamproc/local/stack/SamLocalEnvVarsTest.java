package com.streamproc.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streamproc.local.template.LocalTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --env-vars} file {@code up} writes for {@code sam local invoke}: it may name only variables the template
 * declares (SAM CLI ignores the others, so a misspelt or undeclared name would silently leave the function pointing
 * at the wrong table or at AWS), and it points every function at the local tables and the DynamoDB endpoint.
 */
class SamLocalEnvVarsTest {
    private static final Path PROJECT_TEMPLATE = Path.of("..", "sam-template.yaml");
    private static final URI LOCAL_DYNAMODB = URI.create("http://127.0.0.1:40125");

    @TempDir
    Path directory;

    @Test
    void namesOnlyVariablesTheTemplateDeclaresForEachFunction() {
        LocalTemplate template = LocalTemplate.read(PROJECT_TEMPLATE);

        Map<String, Map<String, String>> file = SamLocalEnvVars.of(template, LOCAL_DYNAMODB, "host.docker.internal");

        assertThat(file.keySet()).containsExactlyInAnyOrderElementsOf(
                template.functions().stream().map(LocalTemplate.LocalFunction::logicalId).toList());
        file.forEach((function, variables) -> {
            Set<String> declared = template.function(function).definition().environment().keySet();
            assertThat(variables.keySet()).as("variables set for %s", function).isNotEmpty().isSubsetOf(declared);
        });
    }

    @Test
    void pointsEveryFunctionAtTheLocalTablesAndTheLocalDynamoDbThroughTheContainersHost() {
        LocalTemplate template = LocalTemplate.read(PROJECT_TEMPLATE);

        Map<String, Map<String, String>> file = SamLocalEnvVars.of(template, LOCAL_DYNAMODB, "host.docker.internal");

        assertThat(file.get("OrderProcessingFunction")).containsEntry("ORDERS_TABLE", "local-orders")
                .containsEntry("QUARANTINE_TABLE", "local-orders-quarantine")
                .containsEntry("DYNAMODB_ENDPOINT_URL", "http://host.docker.internal:40125");
        assertThat(file.get("ActivityTrackingFunction")).containsEntry("ACTIVITY_TABLE", "local-activity")
                .containsEntry("QUARANTINE_TABLE", "local-activity-quarantine");
        assertThat(file.get("DataCleansingFunction")).containsEntry("CUSTOMERS_TABLE", "local-customers")
                .containsEntry("QUARANTINE_TABLE", "local-cleansing-quarantine");
        // Every table variable of every function is covered: sam local would otherwise pass the logical id.
        for (LocalTemplate.LocalFunction function : template.functions()) {
            function.definition().environment().forEach((name, value) -> {
                if (value.startsWith("local-")) {
                    assertThat(file.get(function.logicalId())).as(function.logicalId()).containsEntry(name, value);
                }
            });
        }
    }

    @Test
    void theWrittenFileIsWhatSamCliReads() throws Exception {
        Path out = directory.resolve("env.local.json");
        LocalTemplate template = LocalTemplate.read(PROJECT_TEMPLATE);

        SamLocalEnvVars.write(out, template, LOCAL_DYNAMODB, "172.17.0.1");

        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        // The standard format: {"<LogicalId>": {"NAME": "value"}}, string values only.
        assertThat(json.isObject()).isTrue();
        json.fields().forEachRemaining(function -> {
            assertThat(function.getValue().isObject()).isTrue();
            function.getValue().fields().forEachRemaining(v -> assertThat(v.getValue().isTextual()).isTrue());
        });
        assertThat(json.get("OrderProcessingFunction").get("DYNAMODB_ENDPOINT_URL").asText())
                .isEqualTo("http://172.17.0.1:40125");
    }
}
