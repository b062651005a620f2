package com.streamproc.tools.quarantine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Answers queries with scripted pages and records every request; only Query, GetItem and DeleteItem exist. */
final class FakeDynamoDb implements DynamoDbClient {
    final List<QueryRequest> queries = new ArrayList<>();
    final List<GetItemRequest> gets = new ArrayList<>();
    final List<DeleteItemRequest> deletes = new ArrayList<>();
    final Deque<QueryResponse> pages = new ArrayDeque<>();
    final Deque<Map<String, AttributeValue>> items = new ArrayDeque<>();
    SdkException deleteFailure;

    @Override
    public QueryResponse query(QueryRequest request) {
        queries.add(request);
        QueryResponse page = pages.poll();
        return page != null ? page : QueryResponse.builder().items(List.of()).build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        gets.add(request);
        Map<String, AttributeValue> item = items.poll();
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        deletes.add(request);
        if (deleteFailure != null) {
            throw deleteFailure;
        }
        return DeleteItemResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
