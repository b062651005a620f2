package com.streamproc.tools.quarantine;

import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.FunctionConverter;
import com.streamproc.tools.cli.UtcDateConverter;
import com.streamproc.tools.cli.UtcTimeConverter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that select quarantined records, shared by {@code list} and {@code redrive}. */
public final class QuarantineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-f", "--function"}, required = true, paramLabel = "FUNCTION", converter = FunctionConverter.class,
            description = "order-processing, activity-tracking or data-cleansing (or orders, activity, customers)")
    PipelineFunction function;

    @Option(names = "--reason", paramLabel = "CODE", description = "Only this reason code, e.g. INVALID_TRANSITION")
    String reason;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "Only this source (data-cleansing: the source system)")
    String source;

    @Option(names = "--day", paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class,
            description = "Only records quarantined on this UTC day")
    LocalDate day;

    @Option(names = "--from", paramLabel = "TIME", converter = UtcTimeConverter.class,
            description = "Only records quarantined at or after TIME (2026-11-27T10:00Z, 2026-11-27T10:00 as UTC, 2026-11-27)")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = UtcTimeConverter.class,
            description = "Only records quarantined before TIME")
    Instant to;

    @Option(names = "--record", paramLabel = "SHARD_ID/SEQUENCE_NUMBER[.SUB]",
            description = "This record, as the list shows it (a user record of a KPL aggregate: SEQUENCE.SUB, its "
                    + "aggregate's sequence number and its sub-sequence number); repeatable")
    List<String> records;

    @Option(names = "--table", paramLabel = "NAME", description = "Quarantine table (default: the function's, for --env)")
    String table;

    public PipelineFunction function() {
        return function;
    }

    public String tableName(String env) {
        return table != null ? table : function.quarantineTableName(env);
    }

    /** The selection the options describe; {@code --day} and {@code --from/--to} exclude each other. */
    public QuarantineSelection selection() {
        if (day != null && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(), "--day and --from/--to exclude each other");
        }
        if (records != null) {
            for (String id : records) {
                int slash = id.lastIndexOf('/');
                if (slash <= 0 || slash == id.length() - 1
                        || !id.substring(slash + 1).matches("\\d{1,129}(\\.\\d{1,18})?")) {
                    throw new ParameterException(spec.commandLine(), "--record must be SHARD_ID/SEQUENCE_NUMBER or, "
                            + "for a user record of a KPL aggregate, SHARD_ID/SEQUENCE_NUMBER.SUB, e.g. "
                            + "shardId-000000000000/4959... (got '" + id + "')");
                }
            }
        }
        Instant start = day != null ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : from;
        Instant end = day != null ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : to;
        try {
            return new QuarantineSelection(blankToNull(reason), blankToNull(source), start, end, records);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
