package com.streamproc.emulators;

import java.util.Objects;
import java.util.Optional;

/** What the integration tests of one test JVM run against; decided by {@link BackendSelection}. */
public sealed interface Backend permits Backend.NodeEmulators, Backend.Container, Backend.Unavailable {

    /** kinesis-mock and dynalite as child processes (the default). */
    record NodeEmulators() implements Backend {
    }

    /**
     * A LocalStack or LocalStack-compatible container, with the auth token to pass into it (if set).
     * {@code localStackImage} says whether the image is LocalStack's own (started with Testcontainers'
     * LocalStack module) or a compatible one such as Floci (a plain container on port 4566).
     */
    record Container(String image, boolean localStackImage, Optional<String> authToken) implements Backend {
        public Container {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(authToken, "authToken");
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Container[image=" + image + ", localStackImage=" + localStackImage
                    + ", authToken=" + (authToken.isPresent() ? "set" : "not set") + "]";
        }
    }

    /** The selected backend cannot run here; the tests that need it are skipped with {@code reason}. */
    record Unavailable(String reason) implements Backend {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
