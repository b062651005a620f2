package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Handler the template names is a class of its function module that Lambda can instantiate and call with a
 * Kinesis batch, answering with a partial-batch response. Needs the function modules on the test classpath (the
 * default {@code handler-check} profile; {@code -DskipHandlerCheck} leaves this test out).
 */
class HandlerClassesTest {
    private static final SamTemplate TEMPLATE = ProjectFiles.template();

    @ParameterizedTest
    @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
    void handlerIsAKinesisRequestHandlerLambdaCanConstruct(DeployedFunction function) throws Exception {
        String handler = (String) TEMPLATE.properties(function.logicalId()).get("Handler");
        String className = handler.substring(0, handler.indexOf("::"));
        String methodName = handler.substring(handler.indexOf("::") + 2);

        Class<?> type = Class.forName(className, false, getClass().getClassLoader());

        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
        assertThat(type.getConstructor()).as("public no-arg constructor of %s", className).isNotNull();
        assertThat(requestHandlerTypes(type)).containsExactly(KinesisEvent.class, StreamsEventResponse.class);
        Method method = type.getMethod(methodName, KinesisEvent.class, Context.class);
        assertThat(method.getReturnType()).isEqualTo(StreamsEventResponse.class);
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        throw new AssertionError(type + " does not implement RequestHandler<I, O> directly or via a superclass: "
                + Arrays.toString(type.getGenericInterfaces()));
    }
}
