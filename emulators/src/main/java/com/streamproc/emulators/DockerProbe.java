package com.streamproc.emulators;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine answers. Its own class so Testcontainers (an optional
 * dependency, on the test classpath only with {@code -Plocalstack}) is loaded only for that backend.
 */
final class DockerProbe {

    static final String TESTCONTAINERS_MISSING = "-D" + BackendSelection.BACKEND_PROPERTY
            + "=localstack needs Testcontainers on the test classpath: run Maven with -Plocalstack"
            + " (the profile adds org.testcontainers:localstack to every module's tests)";

    private DockerProbe() {
    }

    static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(TESTCONTAINERS_MISSING, e);
        }
    }
}
