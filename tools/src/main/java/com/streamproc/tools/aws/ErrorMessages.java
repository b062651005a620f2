package com.streamproc.tools.aws;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Turns a failure into one line a user can act on: which service, which endpoint, what went wrong. Never a stack
 * trace, never the SDK's multi-line provider-chain dumps.
 */
public final class ErrorMessages {
    private static final int MAX_LENGTH = 400;

    private ErrorMessages() {
    }

    /** One line for any failure; names the AWS service and endpoint when the failure came from an SDK client. */
    public static String describe(Throwable failure) {
        return describe(failure, System.getenv());
    }

    static String describe(Throwable failure, Map<String, String> env) {
        Service service = serviceOf(failure);
        Throwable root = rootCause(failure);
        String text = oneLine(failure);
        if (text.startsWith("Unable to load region")) {
            return "no AWS region configured: set AWS_REGION (or AWS_PROFILE with a region)";
        }
        if (text.startsWith("Unable to load credentials")) {
            return "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
                    + " (any values work for the local stack)";
        }
        if (service == null) {
            return text;
        }
        String where = endpoint(service, env);
        if (root instanceof ConnectException || root instanceof UnknownHostException) {
            return "cannot reach " + service.displayName + ": " + oneLine(root) + " (endpoint: " + where + ")";
        }
        if (root instanceof SocketTimeoutException || failure instanceof ApiCallTimeoutException
                || failure instanceof ApiCallAttemptTimeoutException) {
            return service.displayName + " did not answer in time: " + text + " (endpoint: " + where + ")";
        }
        return service.displayName + ": " + text;
    }

    /** The failure's message on one line, without the SDK's appended diagnostics. */
    public static String oneLine(Throwable failure) {
        String message;
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String detail = service.awsErrorDetails().errorMessage();
            message = (code == null ? "" : code + ": ") + (detail == null ? "status " + service.statusCode() : detail);
        } else {
            message = failure.getMessage();
            if (message == null || message.isBlank()) {
                Throwable cause = failure.getCause();
                message = cause != null && cause != failure ? oneLine(cause) : failure.getClass().getSimpleName();
            }
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        // The SDK appends "(Service: Kinesis, Status Code: ..., Request ID: ...)" and retry hints; keep them out.
        int sdkSuffix = message.indexOf(" (Service: ");
        if (sdkSuffix > 0) {
            message = message.substring(0, sdkSuffix);
        }
        int attempts = message.indexOf(" (SDK Attempt Count");
        if (attempts > 0) {
            message = message.substring(0, attempts);
        }
        message = message.strip();
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "..." : message;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private enum Service {
        KINESIS("Kinesis", "software.amazon.awssdk.services.kinesis.", "AWS_ENDPOINT_URL_KINESIS"),
        DYNAMODB("DynamoDB", "software.amazon.awssdk.services.dynamodb.", "AWS_ENDPOINT_URL_DYNAMODB"),
        SQS("SQS", "software.amazon.awssdk.services.sqs.", "AWS_ENDPOINT_URL_SQS"),
        LAMBDA("Lambda", "software.amazon.awssdk.services.lambda.", "AWS_ENDPOINT_URL_LAMBDA");

        final String displayName;
        final String packagePrefix;
        final String endpointVariable;

        Service(String displayName, String packagePrefix, String endpointVariable) {
            this.displayName = displayName;
            this.packagePrefix = packagePrefix;
            this.endpointVariable = endpointVariable;
        }
    }

    /** The service whose client threw: its client class is on the stack (or it is the exception's own package). */
    private static Service serviceOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Service service : Service.values()) {
                if (t.getClass().getName().startsWith(service.packagePrefix)) {
                    return service;
                }
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith(service.packagePrefix)) {
                        return service;
                    }
                }
            }
        }
        return null;
    }

    private static String endpoint(Service service, Map<String, String> env) {
        String specific = env.get(service.endpointVariable);
        if (specific != null && !specific.isBlank()) {
            return service.endpointVariable + "=" + specific;
        }
        String general = env.get("AWS_ENDPOINT_URL");
        if (general != null && !general.isBlank()) {
            return "AWS_ENDPOINT_URL=" + general;
        }
        return "AWS's for the configured region; for the local stack set " + service.endpointVariable;
    }
}
