package com.streamproc.tools.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Makes the first PutRecords call fail one entry the way Kinesis does under throttling: the entry is taken out of
 * the request (so the emulator does not store it) and put back into the answer as
 * {@code ProvisionedThroughputExceededException}, with {@code FailedRecordCount} raised by one. Also notes the
 * content type the SDK sent, to show which wire protocol was used.
 */
final class FailOneEntryOnce implements ExecutionInterceptor {
    static final int FAILED_INDEX = 1;

    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicReference<PutRecordsRequestEntry> failedEntry = new AtomicReference<>();
    private final AtomicBoolean injecting = new AtomicBoolean();
    final List<String> contentTypes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutRecordsRequest request && request.records().size() > FAILED_INDEX
                && armed.compareAndSet(true, false)) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(request.records());
            failedEntry.set(entries.remove(FAILED_INDEX));
            injecting.set(true);
            return request.toBuilder().records(entries).build();
        }
        return context.request();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(contentTypes::add);
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof PutRecordsResponse response && injecting.compareAndSet(true, false)) {
            List<PutRecordsResultEntry> results = new ArrayList<>(response.records());
            results.add(FAILED_INDEX, PutRecordsResultEntry.builder()
                    .errorCode("ProvisionedThroughputExceededException")
                    .errorMessage("Rate exceeded for shard (injected by the test)").build());
            int failed = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
            return response.toBuilder().records(results).failedRecordCount(failed + 1).build();
        }
        return context.response();
    }

    /** The entry that was failed, once it was. */
    PutRecordsRequestEntry failedEntry() {
        return failedEntry.get();
    }
}
