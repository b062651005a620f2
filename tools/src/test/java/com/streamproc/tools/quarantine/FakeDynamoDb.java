package com.streamproc.tools.quarantine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
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

/**
 * Answers queries with pages scripted per partition-key value and reads items stored by key; records every request
 * (queries may come from several threads). Only Query, GetItem and DeleteItem exist.
 */
final class FakeDynamoDb implements DynamoDbClient {
    final List<QueryRequest> queries = Collections.synchronizedList(new ArrayList<>());
    final List<GetItemRequest> gets = Collections.synchronizedList(new ArrayList<>());
    final List<DeleteItemRequest> deletes = new ArrayList<>();
    /** Pages of a query, by the value of its {@code :k}. */
    final Map<String, Deque<QueryResponse>> pages = Collections.synchronizedMap(new HashMap<>());
    /** Items by table key. */
    final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items =
            Collections.synchronizedMap(new HashMap<>());
    SdkException deleteFailure;

    /** Scripts the next page of the query of {@code keyValue}. */
    void page(String keyValue, QueryResponse page) {
        pages.computeIfAbsent(keyValue, k -> new ArrayDeque<>()).add(page);
    }

    /** Stores {@code item} under its table key. */
    void store(Map<String, AttributeValue> item) {
        items.put(Map.of("shardBucket", item.get("shardBucket"), "sequenceKey", item.get("sequenceKey")), item);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        queries.add(request);
        Deque<QueryResponse> scripted = pages.get(request.expressionAttributeValues().get(":k").s());
        QueryResponse page = scripted == null ? null : scripted.poll();
        return page != null ? page : QueryResponse.builder().items(List.of()).build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        gets.add(request);
        Map<String, AttributeValue> item = items.get(request.key());
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
