package com.streamproc.bench.cpu;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the CPU benchmarks of one function in this JVM (JMH with forking off): the driver starts one such JVM per
 * function and flag set, so the function and its raw-parse baseline are measured in the same fork, one after the
 * other. Prints one {@code CPU <benchmark> <score> <error>} line per benchmark (ns per record).
 *
 * <p>Arguments: {@code <function> <warmupIterations> <measurementIterations> <iterationMillis> <jmhLogFile>
 * [<benchmark regex>]}.
 */
public final class CpuForkMain {
    private CpuForkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: CpuForkMain <function> <warmups> <iterations> <iterationMillis> <logFile> "
                    + "[<benchmark regex>]");
            System.exit(2);
        }
        String benchmarks = args.length == 6 ? args[5] : CpuRunner.BENCHMARKS;
        TimeValue iteration = TimeValue.milliseconds(Long.parseLong(args[3]));
        Options options = new OptionsBuilder()
                .include(CpuBenchmark.class.getName() + "\\.(" + benchmarks + ")$")
                .param("function", args[0])
                .forks(0)
                .warmupIterations(Integer.parseInt(args[1]))
                .warmupTime(iteration)
                .measurementIterations(Integer.parseInt(args[2]))
                .measurementTime(iteration)
                .threads(1)
                .shouldFailOnError(true)
                .output(Path.of(args[4]).toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            System.out.println(String.format(Locale.ROOT, "CPU %s %.3f %.3f %s", method, primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit()));
        }
        System.out.flush();
        // JMH and the functions leave non-daemon threads behind in some versions; the results are printed.
        System.exit(0);
    }
}
