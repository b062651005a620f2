package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendSelectionTest {

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final AtomicInteger dockerProbes = new AtomicInteger();
    private boolean dockerAvailable = true;

    private Backend select() {
        return new BackendSelection(properties::get, environment::get, () -> {
            dockerProbes.incrementAndGet();
            return dockerAvailable;
        }).select();
    }

    @Test
    void withoutThePropertyTheNodeEmulatorsRunAndDockerIsNotProbed() {
        dockerAvailable = false;

        Backend backend = select();

        assertThat(backend).isEqualTo(new Backend.NodeEmulators());
        assertThat(dockerProbes).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"emulators", " emulators ", "", "  "})
    void explicitOrBlankEmulatorsPropertySelectsTheNodeEmulators(String value) {
        properties.put(BackendSelection.BACKEND_PROPERTY, value);

        assertThat(select()).isEqualTo(new Backend.NodeEmulators());
    }

    @Test
    void localStackWithoutDockerIsSkippedWithTheProfileMessage() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        environment.put(BackendSelection.AUTH_TOKEN_VARIABLE, "ls-token");
        dockerAvailable = false;

        Backend backend = select();

        assertThat(backend).isEqualTo(new Backend.Unavailable("LocalStack profile: no Docker engine found;"
                + " integration tests skipped (the default emulator path runs without -Plocalstack)"));
    }

    @Test
    void missingDockerIsReportedBeforeAMissingToken() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        dockerAvailable = false;

        assertThat(select()).isEqualTo(new Backend.Unavailable(BackendSelection.NO_DOCKER));
    }

    @Test
    void localStackImageWithoutAuthTokenIsSkippedWithTheTokenMessage() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        properties.put(BackendSelection.IMAGE_PROPERTY, "localstack/localstack:latest");

        Backend backend = select();

        assertThat(backend).isEqualTo(new Backend.Unavailable("LOCALSTACK_AUTH_TOKEN is not set: the LocalStack"
                + " image needs it since March 2026; set it, or use -Dlocalstack.image=<a token-free compatible"
                + " image such as Floci>"));
    }

    @Test
    void blankAuthTokenCountsAsMissing() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        environment.put(BackendSelection.AUTH_TOKEN_VARIABLE, "   ");

        assertThat(select()).isEqualTo(new Backend.Unavailable(BackendSelection.NO_AUTH_TOKEN));
    }

    @Test
    void localStackImageWithAuthTokenRunsWithTheTokenPassedOn() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        properties.put(BackendSelection.IMAGE_PROPERTY, "localstack/localstack:4.4");
        environment.put(BackendSelection.AUTH_TOKEN_VARIABLE, "ls-token");

        Backend backend = select();

        assertThat(backend).isEqualTo(new Backend.Container("localstack/localstack:4.4", true, Optional.of("ls-token")));
    }

    @Test
    void defaultImageIsLocalStacksOwnSoItNeedsTheToken() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        environment.put(BackendSelection.AUTH_TOKEN_VARIABLE, "ls-token");

        assertThat(select()).isEqualTo(
                new Backend.Container(BackendSelection.DEFAULT_IMAGE, true, Optional.of("ls-token")));
    }

    @Test
    void tokenFreeCompatibleImageRunsWithoutAToken() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "localstack");
        properties.put(BackendSelection.IMAGE_PROPERTY, "floci/floci:latest");

        Backend backend = select();

        assertThat(backend).isEqualTo(new Backend.Container("floci/floci:latest", false, Optional.empty()));
    }

    @Test
    void unknownBackendIsAConfigurationErrorNotASkip() {
        properties.put(BackendSelection.BACKEND_PROPERTY, "moto");

        assertThatThrownBy(this::select)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dstreamproc.backend=moto is not a backend: use 'emulators' (the default) or 'localstack'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "localstack/localstack", "localstack/localstack:latest", "localstack/localstack-pro:4.4",
            "docker.io/localstack/localstack:4", "registry.example.com:5000/mirror/localstack/localstack:stable",
            "localstack/localstack@sha256:0123abcd"})
    void localStackImagesAreRecognisedWhateverRegistryAndTag(String image) {
        assertThat(BackendSelection.isLocalStackImage(image)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "floci/floci:latest", "floci/floci:1.5.11", "localhost:5000/floci/floci", "localstack",
            "myorg/localstack:1", "localstack/other-tool:1"})
    void otherImagesAreNotLocalStacksOwn(String image) {
        assertThat(BackendSelection.isLocalStackImage(image)).isFalse();
    }

    @Test
    void containerBackendNeverPrintsTheToken() {
        Backend.Container container = new Backend.Container("localstack/localstack:latest", true, Optional.of("ls-secret"));

        assertThat(container.toString()).doesNotContain("ls-secret").contains("authToken=set");
    }
}
