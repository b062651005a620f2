package com.streamproc.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineTapTest {

    @Test
    void bytesReachTheLogUnchangedAndEachCompleteLineTheReader() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        PrintStream log = new PrintStream(new LineTap(file, lines::add), true, StandardCharsets.UTF_8);

        log.println("START RequestId: 1");
        log.print("{\"message\":\"batch processed\",\"table\":\"ü\"}\r\n");
        log.print("half a ");

        assertThat(file.toString(StandardCharsets.UTF_8))
                .isEqualTo("START RequestId: 1\n{\"message\":\"batch processed\",\"table\":\"ü\"}\r\nhalf a ");
        assertThat(lines).containsExactly("START RequestId: 1", "{\"message\":\"batch processed\",\"table\":\"ü\"}");

        log.println("line");
        assertThat(lines).last().isEqualTo("half a line");
    }

    @Test
    void aReaderThatFailsDoesNotCostTheLogItsLines() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(new LineTap(file, line -> {
            throw new IllegalStateException("bug");
        }), true, StandardCharsets.UTF_8);

        log.println("one");
        log.println("two");

        assertThat(file.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }
}
