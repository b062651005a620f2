package com.streamproc.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local stack's {@code demo} printed: its summary line ({@code Summary (17.8 s, 84 records/s end to
 * end)}), whether every record was accounted for, and its progress lines ({@code [ 13.2s] produced … | orders
 * 484/600 done, …}), from which the processing rate once records flow is computed.
 */
public record DemoOutput(Optional<Double> elapsedSeconds, Optional<Double> endToEndRate, boolean accountedFor,
                         List<Progress> progress) {
    private static final Pattern SUMMARY = Pattern.compile("Summary \\(([0-9.]+) s, ([0-9.]+) records/s end to end");
    private static final Pattern PROGRESS_TIME = Pattern.compile("^\\[\\s*([0-9.]+)s\\]");
    private static final Pattern DONE = Pattern.compile("(\\d+)/(\\d+) done");

    /** @param done records processed so far over all functions */
    public record Progress(double seconds, long done) {
    }

    public static DemoOutput parse(List<String> lines) {
        Optional<Double> elapsed = Optional.empty();
        Optional<Double> rate = Optional.empty();
        boolean ok = false;
        List<Progress> progress = new ArrayList<>();
        for (String line : lines) {
            Matcher summary = SUMMARY.matcher(line);
            if (summary.find()) {
                elapsed = Optional.of(Double.parseDouble(summary.group(1)));
                rate = Optional.of(Double.parseDouble(summary.group(2)));
            }
            if (line.startsWith("[demo] OK:")) {
                ok = true;
            }
            Matcher time = PROGRESS_TIME.matcher(line);
            if (time.find()) {
                long done = 0;
                Matcher d = DONE.matcher(line);
                while (d.find()) {
                    done += Long.parseLong(d.group(1));
                }
                progress.add(new Progress(Double.parseDouble(time.group(1)), done));
            }
        }
        return new DemoOutput(elapsed, rate, ok, List.copyOf(progress));
    }

    /**
     * Records per second between the first progress line that shows processed records and the last one: the rate
     * once the stack is up and the functions' JVMs have started. Empty without two such lines.
     */
    public Optional<Double> flowingRate() {
        Progress first = progress.stream().filter(p -> p.done() > 0).findFirst().orElse(null);
        Progress last = progress.isEmpty() ? null : progress.get(progress.size() - 1);
        if (first == null || last == null || last.seconds() <= first.seconds()) {
            return Optional.empty();
        }
        return Optional.of((last.done() - first.done()) / (last.seconds() - first.seconds()));
    }
}
