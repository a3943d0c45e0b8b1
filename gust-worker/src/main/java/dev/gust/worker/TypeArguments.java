package dev.gust.worker;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds what a class binds a generic interface's type parameters to, e.g. the {@code I} of
 * {@code Handler<I, O>}, through superclasses and superinterfaces. Unbound parameters resolve to
 * their bound ({@code Object} for most).
 */
final class TypeArguments {
    private TypeArguments() {
    }

    /**
     * @param impl a class implementing {@code target}
     * @param target a generic class or interface
     * @param index which of {@code target}'s type parameters
     * @return the type {@code impl} binds it to
     */
    static Type of(Class<?> impl, Class<?> target, int index) {
        Type[] args = search(impl, target, Map.of());
        return args == null ? Object.class : args[index];
    }

    private static Type[] search(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return null;
        }
        Map<TypeVariable<?>, Type> local = bind(type, raw, bindings);
        if (raw == target) {
            return Arrays.stream(raw.getTypeParameters()).map(v -> local.getOrDefault(v, bound(v))).toArray(Type[]::new);
        }
        return Stream.concat(Stream.ofNullable(raw.getGenericSuperclass()), Arrays.stream(raw.getGenericInterfaces()))
                .map(sup -> search(sup, target, local))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static Map<TypeVariable<?>, Type> bind(Type type, Class<?> raw, Map<TypeVariable<?>, Type> bindings) {
        var local = new HashMap<TypeVariable<?>, Type>();
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                local.put(vars[i], substitute(args[i], bindings));
            }
        }
        return local;
    }

    /** @return {@code t} with the type variables it mentions replaced by what they are bound to */
    static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        return switch (t) {
            case TypeVariable<?> v -> bindings.getOrDefault(v, bound(v));
            case WildcardType w -> substitute(w.getUpperBounds()[0], bindings);
            case ParameterizedType p -> new Parameterized(raw(p), Arrays.stream(p.getActualTypeArguments())
                    .map(a -> substitute(a, bindings)).toArray(Type[]::new), p.getOwnerType());
            case GenericArrayType a -> {
                Type component = substitute(a.getGenericComponentType(), bindings);
                yield component instanceof Class<?> c ? c.arrayType() : Object[].class;
            }
            default -> t;
        };
    }

    private static Type bound(TypeVariable<?> v) {
        Type b = v.getBounds()[0];
        return b instanceof TypeVariable<?> inner ? bound(inner) : raw(b) == null ? Object.class : b;
    }

    private static Class<?> raw(Type t) {
        return switch (t) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            default -> null;
        };
    }

    /** A parameterized type with its variables substituted. */
    private record Parameterized(Class<?> rawType, Type[] actualTypeArguments, Type ownerType)
            implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return actualTypeArguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public String getTypeName() {
            return rawType.getTypeName() + Arrays.stream(actualTypeArguments).map(Type::getTypeName)
                    .collect(java.util.stream.Collectors.joining(", ", "<", ">"));
        }
    }
}
