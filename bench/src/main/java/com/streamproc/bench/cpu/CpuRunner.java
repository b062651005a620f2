package com.streamproc.bench.cpu;

import com.streamproc.bench.BenchFunction;
import com.streamproc.emulators.ProjectRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts one JVM per function and flag set running {@link CpuForkMain}, and reads its results. */
public final class CpuRunner {
    /** A JVM flag set the CPU benchmarks run under, with the JMH iterations it needs to reach steady state. */
    public record Flags(String name, List<String> jvmArgs, Iterations iterations) {
    }

    /** JMH iterations: few, so that the whole run stays short on two cores; the report says how many. */
    public record Iterations(int warmups, int measurements, long millis) {
        public String describe() {
            return warmups + " warm-up + " + measurements + " measured iterations of " + millis / 1000.0
                    + " s per benchmark, 1 fork, 1 thread";
        }
    }

    /** Nanoseconds per record, with JMH's 99.9 % error margin. */
    public record Score(double nanosPerRecord, double error) {
    }

    /**
     * @param processing the whole batch through the function (the measure the target applies to)
     * @param decode     the function's decoder alone (strict JSON, contract validation, cleansing for data-cleansing)
     * @param core       the shared batch core alone (no decoding, no applier)
     * @param raw        the baseline: {@code ObjectMapper.readTree}
     */
    public record Result(BenchFunction function, Flags flags, Score processing, Score decode, Score core, Score raw) {
        public double ratio() {
            return processing.nanosPerRecord() / raw.nanosPerRecord();
        }

        public double decodeRatio() {
            return decode.nanosPerRecord() / raw.nanosPerRecord();
        }

        public double coreRatio() {
            return core.nanosPerRecord() / raw.nanosPerRecord();
        }

        public double recordsPerSecond() {
            return 1e9 / processing.nanosPerRecord();
        }

        public double rawRecordsPerSecond() {
            return 1e9 / raw.nanosPerRecord();
        }
    }

    /** The benchmarks of {@link CpuBenchmark}, in the order JMH runs them (by name). */
    static final String BENCHMARKS = "batchCore|decode|function|rawReadTree";

    private final Path projectRoot;
    private final Path logDirectory;

    public CpuRunner(Path projectRoot, Path logDirectory) {
        this.projectRoot = projectRoot;
        this.logDirectory = logDirectory;
    }

    public Result run(BenchFunction function, Flags flags) throws IOException, InterruptedException {
        Map<String, Score> scores = launch(function, flags.jvmArgs(), flags.iterations(), BENCHMARKS,
                function.id() + "-" + flags.name());
        if (!scores.keySet().containsAll(List.of("function", "decode", "batchCore", "rawReadTree"))) {
            throw new IllegalStateException("CPU benchmark of " + function.id() + " (" + flags.name()
                    + ") printed no score for every benchmark; see " + logDirectory);
        }
        return new Result(function, flags, scores.get("function"), scores.get("decode"), scores.get("batchCore"),
                scores.get("rawReadTree"));
    }

    private Map<String, Score> launch(BenchFunction function, List<String> jvmArgs, Iterations iterations,
                                      String benchmarks, String name) throws IOException, InterruptedException {
        Files.createDirectories(logDirectory);
        Path jmhLog = logDirectory.resolve("jmh-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-D" + ProjectRoot.PROPERTY + "=" + projectRoot);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CpuForkMain.class.getName());
        command.add(function.id());
        command.add(Integer.toString(iterations.warmups()));
        command.add(Integer.toString(iterations.measurements()));
        command.add(Long.toString(iterations.millis()));
        command.add(jmhLog.toString());
        command.add(benchmarks);
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot.toFile())
                .redirectError(logDirectory.resolve("jmh-" + name + ".err").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        Map<String, Score> scores = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                parse(line).ifPresent(entry -> scores.put(entry.getKey(), entry.getValue()));
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("CPU benchmark " + name + " failed with exit " + exit + "; see " + jmhLog);
        }
        return scores;
    }

    /** Parses {@code CPU <benchmark> <score> <error> <unit>}; the unit must be ns/op. */
    static java.util.Optional<Map.Entry<String, Score>> parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 5 || !parts[0].equals("CPU")) {
            return java.util.Optional.empty();
        }
        if (!parts[4].equals("ns/op")) {
            throw new IllegalStateException("unexpected unit " + parts[4]);
        }
        double error = parts[3].equals("NaN") ? Double.NaN : Double.parseDouble(parts[3]);
        return java.util.Optional.of(Map.entry(parts[1], new Score(Double.parseDouble(parts[2]), error)));
    }
}
