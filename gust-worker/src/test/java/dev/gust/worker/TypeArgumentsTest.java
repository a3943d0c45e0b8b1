package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.sdk.Context;
import dev.gust.sdk.Handler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

    abstract static class Base<T> implements Handler<List<T>, String> {
    }

    static final class Concrete extends Base<Integer> {
        @Override
        public String handle(List<Integer> input, Context context) {
            return "";
        }
    }

    interface Named<X> extends Function<Map<String, X>, X> {
    }

    static final class Raw implements Handler {
        @Override
        public Object handle(Object input, Context context) {
            return input;
        }
    }

    @Test
    void of_throughAGenericSuperclass_substitutesTheBinding() {
        Type t = TypeArguments.of(Concrete.class, Handler.class, 0);
        assertThat(t).isInstanceOf(ParameterizedType.class);
        assertThat(t.getTypeName()).isEqualTo("java.util.List<java.lang.Integer>");
    }

    @Test
    void of_throughASubinterfaceLeftGeneric_fallsBackToTheBound() {
        abstract class Impl implements Named<String> {
        }
        assertThat(TypeArguments.of(Impl.class, Function.class, 0).getTypeName())
                .isEqualTo("java.util.Map<java.lang.String, java.lang.String>");
    }

    @Test
    void of_rawImplementation_isObject() {
        assertThat(TypeArguments.of(Raw.class, Handler.class, 0)).isEqualTo(Object.class);
    }
}
