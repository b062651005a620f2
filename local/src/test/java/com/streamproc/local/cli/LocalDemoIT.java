package com.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code demo} end to end with a small volume: every record must be accounted for. */
class LocalDemoIT {
    private static final Pattern ROW = Pattern.compile(
            "^\\s+(orders|activity|customers)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$",
            Pattern.MULTILINE);

    @Test
    void theDemoAccountsForEveryRecordItProduced() throws Exception {
        CliProcess.Result result = CliProcess.run(900, "demo", "--records", "300", "--seed", "7");

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("[demo] OK: all 300 records accounted for");
        Matcher rows = ROW.matcher(result.stdout());
        int functions = 0;
        long produced = 0;
        long quarantined = 0;
        long duplicates = 0;
        while (rows.find()) {
            functions++;
            long made = Long.parseLong(rows.group(2));
            long applied = Long.parseLong(rows.group(3));
            long quarantinedHere = Long.parseLong(rows.group(5));
            long failed = Long.parseLong(rows.group(6));
            long unaccounted = Long.parseLong(rows.group(7));
            assertThat(applied + quarantinedHere + failed).as(rows.group(1)).isEqualTo(made);
            assertThat(unaccounted).as(rows.group(1)).isZero();
            assertThat(Long.parseLong(rows.group(8))).as(rows.group(1) + " invocations").isPositive();
            produced += made;
            quarantined += quarantinedHere;
            duplicates += Long.parseLong(rows.group(4));
        }
        assertThat(functions).isEqualTo(3);
        assertThat(produced).isEqualTo(300);
        assertThat(quarantined).as("the traffic holds poison records").isPositive();
        assertThat(duplicates).as("the traffic holds producer duplicates").isPositive();
        assertThat(result.stdout()).contains("Analyst questions");
        for (String answer : List.of("revenue on", "active users on", "customer with e-mail")) {
            assertThat(result.stdout()).contains(answer);
        }
        assertThat(result.stdout()).doesNotContain("query classes not usable");
        // Every record ended as its function's generator said: applied, or quarantined exactly when poison.
        assertThat(result.stdout()).doesNotContain("outcomes differ from the generator's expectation");
    }
}
