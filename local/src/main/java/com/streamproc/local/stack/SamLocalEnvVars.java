package com.streamproc.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.streamproc.emulators.TemplateResources;
import com.streamproc.local.template.LocalTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code --env-vars} file of {@code sam local invoke} for a running local stack: per function (by logical id), the
 * DynamoDB endpoint and the local names of its tables.
 *
 * <p>Why it is needed: {@code sam local invoke} resolves {@code !Ref OrdersTable} to the logical id
 * ({@code OrdersTable}), not to the table's name, and overrides only variables the template declares. So the file
 * sets exactly the declared variables whose local value differs: every variable that names a table of the
 * template, and {@value #ENDPOINT_VARIABLE} (declared empty in the template). The function runs in a Docker
 * container, so the endpoint's host is one the container reaches the local stack by ({@value #DOCKER_HOST} by
 * default).
 */
public final class SamLocalEnvVars {
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT_URL";
    /** How a Docker container reaches its host (Docker Desktop; on Linux with {@code --add-host}). */
    public static final String DOCKER_HOST = "host.docker.internal";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SamLocalEnvVars() {
    }

    /**
     * Logical id of each function to the variables to set.
     *
     * @param dynamoDbEndpoint the local stack's DynamoDB endpoint on this machine
     * @param containerHost    the host name the container uses for this machine
     */
    public static Map<String, Map<String, String>> of(LocalTemplate template, URI dynamoDbEndpoint,
                                                      String containerHost) {
        Set<String> tableNames = template.resources().tables().stream().map(TemplateResources.Table::tableName)
                .collect(Collectors.toSet());
        URI endpoint = URI.create(dynamoDbEndpoint.getScheme() + "://" + containerHost + ":" + dynamoDbEndpoint.getPort());
        Map<String, Map<String, String>> file = new LinkedHashMap<>();
        for (LocalTemplate.LocalFunction function : template.functions()) {
            Map<String, String> declared = function.definition().environment();
            Map<String, String> variables = new TreeMap<>();
            declared.forEach((name, value) -> {
                if (tableNames.contains(value)) {
                    variables.put(name, value);
                }
            });
            if (declared.containsKey(ENDPOINT_VARIABLE)) {
                variables.put(ENDPOINT_VARIABLE, endpoint.toString());
            }
            file.put(function.logicalId(), variables);
        }
        return file;
    }

    /** Writes {@link #of} as JSON. */
    public static void write(Path file, LocalTemplate template, URI dynamoDbEndpoint, String containerHost)
            throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(of(template, dynamoDbEndpoint, containerHost)));
    }
}
