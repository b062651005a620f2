package com.streamproc.bench.report;

/**
 * One measured value held to its target, as a row of the report's summary.
 *
 * @param shown how the value reads in the report (with its unit)
 */
public record Check(String measure, String subject, double value, String shown, Target target) {
    public boolean met() {
        return target.metBy(value);
    }

    public String verdict() {
        return target.verdict(value);
    }
}
