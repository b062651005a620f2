package com.streamproc.tools.cli;

import com.streamproc.tools.StreamprocTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the command line with captured output. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun run(ToolContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = StreamprocTools.commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    public List<String> outLines() {
        return out.lines().toList();
    }
}
