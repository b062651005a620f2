package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateValuesTest {

    private static final String TEMPLATE = """
            Parameters:
              EnvironmentName: {Type: String, Default: prod}
            Conditions:
              IsProd: !Equals [!Ref EnvironmentName, prod]
              NotProd: !Not [!Condition IsProd]
              ProdAndNot: !And [!Condition IsProd, !Condition NotProd]
              ProdOrNot: !Or [!Condition IsProd, !Condition NotProd]
              Unknowable: !Equals [!ImportValue shared-thing, x]
            Resources:
              OrdersStream: {Type: AWS::Kinesis::Stream}
              OrdersTable: {Type: AWS::DynamoDB::Table}
              FailureQueue: {Type: AWS::SQS::Queue}
              OrderFunction: {Type: AWS::Serverless::Function}
              PlainFunction: {Type: AWS::Lambda::Function}
              Key: {Type: AWS::KMS::Key}
            Values:
              streamArn: !GetAtt OrdersStream.Arn
              tableArn: !GetAtt OrdersTable.Arn
              queueArn: !GetAtt FailureQueue.Arn
              queueName: !GetAtt FailureQueue.QueueName
              queueUrl: !Ref FailureQueue
              functionArn: !GetAtt OrderFunction.Arn
              plainFunctionArn: !GetAtt PlainFunction.Arn
              tableName: !Ref OrdersTable
              keyArn: !GetAtt Key.Arn
              streamName: !GetAtt OrdersStream.StreamName
              unnamed: !Ref Unnamed
              sub: !Sub '${AWS::StackName}-${AWS::Region}-${AWS::AccountId}-${EnvironmentName}-${!Literal}'
              subArn: !Sub 'from ${OrdersStream.Arn}'
              subVariables: !Sub ['${Name}-${AWS::Partition}', {Name: !Ref OrdersTable}]
              join: !Join ['/', [a, !Ref EnvironmentName, 3]]
              select: !Select [1, [a, b, c]]
              selectFromText: !Select [2, 'x,y,z']
              ifProd: !If [IsProd, big, small]
              ifNotProd: !If [NotProd, big, small]
              and: !Condition ProdAndNot
              or: !Condition ProdOrNot
              imported: !ImportValue shared-thing
              withoutValue:
                kept: yes
                removed: !If [IsProd, !Ref 'AWS::NoValue', there]
                list: [one, !Ref 'AWS::NoValue', two]
            """;

    private static TemplateValues values() {
        Map<String, Object> template = CloudFormationYaml.load(new StringReader(TEMPLATE), "inline");
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, resource) -> resources.put(id, map(resource)));
        TemplateValues values = new TemplateValues("inline", "us-east-1", "000000000000",
                Map.of("EnvironmentName", "prod"), map(template.get("Conditions")), resources,
                Map.of("OrdersStream", "prod-orders", "OrdersTable", "prod-orders-table", "Key", "key"));
        values.name("FailureQueue", "prod-failures");
        values.name("OrderFunction", "prod-order-processing");
        values.name("PlainFunction", "prod-plain");
        return values;
    }

    private static Map<String, Object> resolved() {
        Map<String, Object> template = CloudFormationYaml.load(new StringReader(TEMPLATE), "inline");
        return map(values().resolve(template.get("Values")));
    }

    static Stream<Arguments> resolutions() {
        return Stream.of(
                // Fn::GetAtt X.Arn: the local ARN of streams, tables, queues and functions; a queue's name
                Arguments.of("streamArn", "arn:aws:kinesis:us-east-1:000000000000:stream/prod-orders"),
                Arguments.of("tableArn", "arn:aws:dynamodb:us-east-1:000000000000:table/prod-orders-table"),
                Arguments.of("queueArn", "arn:aws:sqs:us-east-1:000000000000:prod-failures"),
                Arguments.of("functionArn", "arn:aws:lambda:us-east-1:000000000000:function:prod-order-processing"),
                Arguments.of("plainFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:prod-plain"),
                Arguments.of("queueName", "prod-failures"),
                // Ref: physical names, a queue's URL
                Arguments.of("tableName", "prod-orders-table"),
                Arguments.of("queueUrl", "http://sqs.us-east-1.localhost/000000000000/prod-failures"),
                // what cannot be known locally stays as it was
                Arguments.of("keyArn", Map.of("Fn::GetAtt", List.of("Key", "Arn"))),
                Arguments.of("streamName", Map.of("Fn::GetAtt", List.of("OrdersStream", "StreamName"))),
                Arguments.of("unnamed", Map.of("Ref", "Unnamed")),
                Arguments.of("imported", Map.of("Fn::ImportValue", "shared-thing")),
                // Fn::Sub: pseudo parameters, parameters, attributes, its own variables, escapes
                Arguments.of("sub", "streamproc-local-us-east-1-000000000000-prod-${Literal}"),
                Arguments.of("subArn", "from arn:aws:kinesis:us-east-1:000000000000:stream/prod-orders"),
                Arguments.of("subVariables", "prod-orders-table-aws"),
                // Fn::Join and Fn::Select on resolved items
                Arguments.of("join", "a/prod/3"),
                Arguments.of("select", "b"),
                Arguments.of("selectFromText", "z"),
                // conditions
                Arguments.of("ifProd", "big"),
                Arguments.of("ifNotProd", "small"),
                Arguments.of("and", false),
                Arguments.of("or", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolutions")
    void resolvesWhatTheLocalStackKnows(String key, Object expected) {
        Map<String, Object> values = resolved();

        assertThat(values.get(key)).isEqualTo(expected);
    }

    @Test
    void aConditionIsEvaluatedByName() {
        assertThat(values().condition("IsProd")).isTrue();
        assertThat(values().condition("NotProd")).isFalse();
    }

    @Test
    void noValueRemovesThePropertyOrItem() {
        Map<String, Object> withoutValue = map(resolved().get("withoutValue"));

        assertThat(withoutValue).containsOnlyKeys("kept", "list");
        assertThat(withoutValue.get("list")).isEqualTo(List.of("one", "two"));
    }

    @Test
    void anUnknownOrUnknowableConditionIsAnErrorNamingIt() {
        TemplateValues values = values();

        assertThatThrownBy(() -> values.condition("Nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inline: unknown condition Nope");
        assertThatThrownBy(() -> values.condition("Unknowable"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("inline: cannot evaluate condition Unknowable");
    }

    @Test
    void namesAndTypesAreKnownInTheOrderTheyWereGiven() {
        TemplateValues values = values();

        assertThat(values.physicalNames()).containsKeys("OrdersStream", "OrdersTable", "Key")
                .containsEntry("OrderFunction", "prod-order-processing");
        assertThat(List.copyOf(values.physicalNames().keySet()).subList(3, 6))
                .containsExactly("FailureQueue", "OrderFunction", "PlainFunction");
        assertThat(values.typeOf("FailureQueue")).isEqualTo("AWS::SQS::Queue");
        assertThat(values.typeOf("Missing")).isNull();
    }

    @Test
    void referencedLogicalIdReadsRefAndGetAtt() {
        assertThat(TemplateValues.referencedLogicalId(Map.of("Ref", "OrdersTable"))).isEqualTo("OrdersTable");
        assertThat(TemplateValues.referencedLogicalId(Map.of("Fn::GetAtt", List.of("OrdersStream", "Arn"))))
                .isEqualTo("OrdersStream");
        assertThat(TemplateValues.referencedLogicalId(Map.of("Fn::GetAtt", "FailureQueue.Arn"))).isEqualTo("FailureQueue");
        assertThat(TemplateValues.referencedLogicalId("arn:aws:kinesis:us-east-1:000000000000:stream/x")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
