package com.streamproc.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsClientsTest {
    @Test
    void anUnsetOrEmptyEndpointVariableLeavesTheEndpointToTheSdk() {
        // The template declares DYNAMODB_ENDPOINT_URL as "" so that sam local invoke can set it; on AWS it stays empty.
        assertThat(AwsClients.endpointFrom(null)).isNull();
        assertThat(AwsClients.endpointFrom("")).isNull();
        assertThat(AwsClients.endpointFrom("  ")).isNull();
    }

    @Test
    void aSetEndpointVariableIsTheClientsEndpoint() {
        assertThat(AwsClients.endpointFrom("http://host.docker.internal:40125"))
                .isEqualTo(URI.create("http://host.docker.internal:40125"));
        assertThat(AwsClients.endpointFrom(" https://dynamodb.eu-west-1.amazonaws.com "))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlFailsNamingTheVariable() {
        for (String bad : new String[] {"localhost:8000", "ftp://host/", "http://", "not a url"}) {
            assertThatThrownBy(() -> AwsClients.endpointFrom(bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DYNAMODB_ENDPOINT_URL");
        }
    }
}
