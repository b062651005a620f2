package com.streamproc.tools.failures;

import com.streamproc.tools.cli.ToolFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A function's SQS on-failure queue. Messages are received with a visibility timeout, so that no other reader takes
 * them meanwhile; a message is deleted only once its range was replayed in full, every other one is made visible
 * again when the source closes. Closing it closes the client.
 */
public final class SqsFailureQueue implements FailureSource {
    private static final int MAX_PER_RECEIVE = 10;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration visibility;
    private final List<FailureEntry> held = new ArrayList<>();

    /** @param visibility how long received messages stay hidden: longer than the replay of all of them */
    public SqsFailureQueue(SqsClient sqs, String queueUrl, Duration visibility) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.visibility = visibility;
    }

    /** The URL of the queue named {@code queueName}. */
    public static String queueUrl(SqsClient sqs, String queueName) {
        return sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    }

    @Override
    public List<FailureEntry> read(int limit) {
        List<FailureEntry> entries = new ArrayList<>();
        while (entries.size() < limit) {
            int wanted = Math.min(MAX_PER_RECEIVE, limit - entries.size());
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(wanted)
                    .waitTimeSeconds(1).visibilityTimeout((int) visibility.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                OnFailureRecord record;
                try {
                    record = OnFailureRecord.parse(message.body());
                } catch (IllegalArgumentException e) {
                    release(message.receiptHandle());
                    throw new ToolFailure("message " + message.messageId() + " of " + queueUrl + ": " + e.getMessage());
                }
                FailureEntry entry = new FailureEntry(record, message.receiptHandle(), false);
                held.add(entry);
                entries.add(entry);
            }
        }
        // SQS standard queues do not keep order; the replay goes oldest first per shard.
        entries.sort(Comparator.comparing((FailureEntry e) -> e.record().shardId())
                .thenComparing(e -> e.record().start()));
        return entries;
    }

    @Override
    public void replayed(FailureEntry entry) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(entry.handle()));
        held.remove(entry);
    }

    @Override
    public void close() {
        try {
            for (FailureEntry entry : held) {
                release(entry.handle());
            }
            held.clear();
        } finally {
            sqs.close();
        }
    }

    private void release(String receiptHandle) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(0));
    }

    @Override
    public String describe() {
        return queueUrl;
    }
}
