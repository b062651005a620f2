package com.streamproc.tools.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Failures as the real SDK throws them, for tests that inject them. */
public final class RealSdkFailures {
    private RealSdkFailures() {
    }

    /** What the SDK throws for a partition key with an unpaired surrogate: it fails before any connection. */
    public static SdkClientException marshalling() {
        try (KinesisClient client = KinesisClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .build()) {
            client.putRecords(b -> b.streamName("s").records(r -> r.partitionKey("key-\uD800")
                    .data(SdkBytes.fromUtf8String("{}"))));
        } catch (SdkClientException e) {
            return e;
        }
        throw new AssertionError("the SDK wrote a partition key with an unpaired surrogate");
    }
}
