package com.streamproc.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvokeEndpointTest {
    @Test
    void functionIsNamedByNameQualifiedNameOrArn() {
        assertThat(InvokeEndpoint.functionName("local-orders")).isEqualTo("local-orders");
        assertThat(InvokeEndpoint.functionName("local-orders:live")).isEqualTo("local-orders");
        assertThat(InvokeEndpoint.functionName("arn:aws:lambda:us-east-1:000000000000:function:local-orders:live"))
                .isEqualTo("local-orders");
    }

    @Test
    void unknownFunctionIsLambdasResourceNotFound() throws Exception {
        try (InvokeEndpoint endpoint = InvokeEndpoint.start(Map.of())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint.uri() + "/2015-03-31/functions/local-nothing/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
            assertThat(response.body()).isEqualTo("{\"Type\":\"User\",\"message\":\"Function not found: local-nothing\"}");
        }
    }

    @Test
    void listEventSourceMappingsFiltersByStreamAndFunctionAsLambdaDoes() throws Exception {
        String orders = "arn:aws:kinesis:us-east-1:000000000000:stream/local-orders";
        String activity = "arn:aws:kinesis:us-east-1:000000000000:stream/local-activity";
        List<InvokeEndpoint.Mapping> mappings = List.of(
                new InvokeEndpoint.Mapping("u-1", "arn:aws:lambda:us-east-1:000000000000:function:local-order-processing",
                        orders, 100),
                new InvokeEndpoint.Mapping("u-2",
                        "arn:aws:lambda:us-east-1:000000000000:function:local-activity-tracking", activity, 500));
        try (InvokeEndpoint endpoint = InvokeEndpoint.start(Map.of(), mappings)) {
            String byStream = get(endpoint, "?EventSourceArn=" + java.net.URLEncoder.encode(activity,
                    java.nio.charset.StandardCharsets.UTF_8));
            String byQualifiedName = get(endpoint, "?FunctionName=local-order-processing%3Alive");
            String none = get(endpoint, "?FunctionName=local-data-cleansing");

            assertThat(byStream).isEqualTo("{\"EventSourceMappings\":[{\"UUID\":\"u-2\",\"FunctionArn\":"
                    + "\"arn:aws:lambda:us-east-1:000000000000:function:local-activity-tracking\",\"EventSourceArn\":\""
                    + activity + "\",\"BatchSize\":500,\"State\":\"Enabled\"}]}");
            assertThat(byQualifiedName).contains("\"UUID\":\"u-1\"").doesNotContain("u-2");
            assertThat(none).isEqualTo("{\"EventSourceMappings\":[]}");
        }
    }

    private static String get(InvokeEndpoint endpoint, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoint.uri() + "/2015-03-31/event-source-mappings/" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
