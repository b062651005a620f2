package com.streamproc.shared.aws;

import com.streamproc.shared.retry.SdkCallSite;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Tags a failed SDK call's exception with the operation and the table it named ({@link SdkCallSite}, as a
 * suppressed exception), so that {@link com.streamproc.shared.retry.FailureCause} can name them in the log.
 */
public final class CallSiteTagging implements ExecutionInterceptor {
    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation != null) {
            failure.addSuppressed(new SdkCallSite(operation, tableOf(context.request())));
        }
        return failure;
    }

    /** {@code TableName}, or the table names of a batch request's {@code RequestItems}. */
    static String tableOf(SdkRequest request) {
        Optional<String> table = request.getValueForField("TableName", String.class);
        if (table.isPresent()) {
            return table.get();
        }
        Optional<Map> items = request.getValueForField("RequestItems", Map.class);
        if (items.isPresent() && !items.get().isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            for (Object name : items.get().keySet()) {
                names.add(String.valueOf(name));
            }
            return String.join(",", names);
        }
        return null;
    }
}
