package com.streamproc.local.esm;

import java.util.Objects;

/**
 * What every record of a mapping's batches says about where it came from.
 *
 * @param streamArn         the stream's ARN ({@code eventSourceARN})
 * @param awsRegion         the region ({@code awsRegion})
 * @param invokeIdentityArn the function's execution role ({@code invokeIdentityArn})
 * @param functionArn       the function's ARN (failure destination records name it)
 */
public record SourceIdentity(String streamArn, String awsRegion, String invokeIdentityArn, String functionArn) {
    public SourceIdentity {
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(invokeIdentityArn, "invokeIdentityArn");
        Objects.requireNonNull(functionArn, "functionArn");
    }
}
