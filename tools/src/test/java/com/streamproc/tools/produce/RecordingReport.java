package com.streamproc.tools.produce;

import com.streamproc.shared.decode.PoisonRecordException;
import java.util.ArrayList;
import java.util.List;

final class RecordingReport implements ProduceReport {
    record Rejection(InputEvent event, String reason, String detail) {
    }

    final List<Rejection> rejected = new ArrayList<>();
    final List<UnsentRecord> unsent = new ArrayList<>();

    @Override
    public void rejected(InputEvent event, PoisonRecordException reason) {
        rejected.add(new Rejection(event, reason.reasonCode(), reason.detail()));
    }

    @Override
    public void unsent(UnsentRecord record) {
        unsent.add(record);
    }

    @Override
    public void close() {
    }
}
