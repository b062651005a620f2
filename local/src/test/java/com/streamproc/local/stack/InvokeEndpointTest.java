package com.streamproc.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
}
