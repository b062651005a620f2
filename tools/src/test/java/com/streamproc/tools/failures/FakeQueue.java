package com.streamproc.tools.failures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** A queue of visible messages: a receive hides them, a visibility of 0 shows them again, a delete removes them. */
final class FakeQueue implements SqsClient {
    final Map<String, String> visible = new LinkedHashMap<>();
    final Map<String, String> hidden = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    final List<Integer> visibilityTimeouts = new ArrayList<>();
    final List<String> queueNames = new ArrayList<>();
    boolean closed;

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        visibilityTimeouts.add(request.visibilityTimeout());
        List<Message> messages = new ArrayList<>();
        for (var it = visible.entrySet().iterator(); it.hasNext() && messages.size() < request.maxNumberOfMessages(); ) {
            var entry = it.next();
            messages.add(Message.builder().messageId("m-" + entry.getKey()).receiptHandle(entry.getKey())
                    .body(entry.getValue()).build());
            hidden.put(entry.getKey(), entry.getValue());
            it.remove();
        }
        return ReceiveMessageResponse.builder().messages(messages).build();
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        hidden.remove(request.receiptHandle());
        deleted.add(request.receiptHandle());
        return DeleteMessageResponse.builder().build();
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        if (request.visibilityTimeout() == 0) {
            visible.put(request.receiptHandle(), hidden.remove(request.receiptHandle()));
        }
        return ChangeMessageVisibilityResponse.builder().build();
    }

    @Override
    public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
        queueNames.add(request.queueName());
        return GetQueueUrlResponse.builder().queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/"
                + request.queueName()).build();
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public void close() {
        closed = true;
    }
}
