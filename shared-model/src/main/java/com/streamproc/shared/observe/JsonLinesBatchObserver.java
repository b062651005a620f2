package com.streamproc.shared.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.decode.EventJson;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes, per batch, one structured JSON log line and one CloudWatch Embedded Metric Format line to standard
 * output, where Lambda's log agent picks them up (EMF lines become metrics without any API call).
 *
 * <p>Metrics, in namespace {@code StreamProcessing}: {@code RecordsProcessed}, {@code RecordsQuarantined},
 * {@code RecordsFailed} (Count), {@code BatchDuration} and {@code OldestRecordAge} (Milliseconds),
 * {@code TransientRetries} (Count). Dimensions: {@code Function} (the function's short name, the same in every
 * environment) and {@code FunctionName} (the deployed name Lambda sets in {@code AWS_LAMBDA_FUNCTION_NAME}, which
 * starts with the environment, so two stacks in one account and region report separate series). Without a deployed
 * name (outside Lambda) the metrics have the {@code Function} dimension only.
 */
public final class JsonLinesBatchObserver implements BatchObserver {
    public static final String NAMESPACE = "StreamProcessing";

    private final Consumer<String> out;
    private final Clock clock;
    private final String deployedFunctionName;
    private final ObjectMapper mapper = EventJson.mapper();

    /** Metrics with the {@code Function} dimension only. */
    public JsonLinesBatchObserver(Consumer<String> out, Clock clock) {
        this(out, clock, null);
    }

    /**
     * @param deployedFunctionName the value of the {@code FunctionName} dimension (Lambda's
     *                             {@code AWS_LAMBDA_FUNCTION_NAME}); null or blank leaves that dimension out
     */
    public JsonLinesBatchObserver(Consumer<String> out, Clock clock, String deployedFunctionName) {
        this.out = out;
        this.clock = clock;
        this.deployedFunctionName = deployedFunctionName == null || deployedFunctionName.isBlank()
                ? null : deployedFunctionName;
    }

    /** Writes to {@code System.out}, with the deployed function name Lambda sets. */
    public static JsonLinesBatchObserver toStandardOutput() {
        return new JsonLinesBatchObserver(System.out::println, Clock.systemUTC(),
                System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    }

    @Override
    public void batchCompleted(BatchSummary summary) {
        out.accept(logLine(summary));
        out.accept(metricsLine(summary));
    }

    String logLine(BatchSummary s) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", s.failed() > 0 ? "WARN" : "INFO");
        line.put("message", "batch processed");
        line.put("function", s.function());
        line.put("shardId", s.shardId());
        line.put("firstSequenceNumber", s.firstSequenceNumber());
        line.put("lastSequenceNumber", s.lastSequenceNumber());
        line.put("records", s.records());
        line.put("applied", s.applied());
        line.put("quarantined", s.quarantined());
        line.put("failed", s.failed());
        line.put("reportedSequenceNumber", s.reportedSequenceNumber());
        line.put("durationMs", s.durationMillis());
        line.put("oldestRecordAgeMs", s.oldestRecordAgeMillis());
        line.put("retries", s.retries());
        ObjectNode reasons = line.putObject("quarantineReasons");
        s.quarantineReasons().forEach(reasons::put);
        if (s.failureCause() != null) {
            // Names only: a failure's message can quote the values of the request.
            ObjectNode cause = line.putObject("failureCause");
            cause.put("kind", s.failureCause().kind().name());
            cause.put("exception", s.failureCause().exception());
            cause.put("errorCode", s.failureCause().errorCode());
            cause.put("operation", s.failureCause().operation());
            cause.put("table", s.failureCause().table());
        }
        return write(line);
    }

    String metricsLine(BatchSummary s) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions").addArray().add("Function");
        if (deployedFunctionName != null) {
            dimensions.add("FunctionName");
        }
        ArrayNode metrics = directive.putArray("Metrics");
        metric(metrics, "RecordsProcessed", "Count");
        metric(metrics, "RecordsQuarantined", "Count");
        metric(metrics, "RecordsFailed", "Count");
        metric(metrics, "BatchDuration", "Milliseconds");
        metric(metrics, "OldestRecordAge", "Milliseconds");
        metric(metrics, "TransientRetries", "Count");
        root.put("Function", s.function());
        if (deployedFunctionName != null) {
            root.put("FunctionName", deployedFunctionName);
        }
        root.put("RecordsProcessed", s.applied());
        root.put("RecordsQuarantined", s.quarantined());
        root.put("RecordsFailed", s.failed());
        root.put("BatchDuration", s.durationMillis());
        root.put("OldestRecordAge", s.oldestRecordAgeMillis());
        root.put("TransientRetries", s.retries());
        return write(root);
    }

    private static void metric(ArrayNode metrics, String name, String unit) {
        metrics.addObject().put("Name", name).put("Unit", unit);
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a log line", e);
        }
    }
}
