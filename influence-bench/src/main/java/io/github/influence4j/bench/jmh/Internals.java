package io.github.influence4j.bench.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Method handles on the package-private accumulators of influence-scorers, so that the JMH
 * benchmarks measure the very classes the scorers run (they are implementation details, kept
 * package-private by the house style). Works on the class path, where every class shares the
 * unnamed module.
 */
final class Internals {
    private Internals() {
    }

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the class path: is influence-scorers there?", e);
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> c) {
        try {
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot access " + c.getName()
                    + "; run the benchmarks on the class path, not the module path", e);
        }
    }

    static MethodHandle constructor(String className, Class<?>... params) {
        Class<?> c = type(className);
        try {
            return lookup(c).findConstructor(c, MethodType.methodType(void.class, params))
                    .asType(MethodType.methodType(Object.class, params));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("no constructor " + className + java.util.Arrays.toString(params), e);
        }
    }

    static MethodHandle method(String className, String name, Class<?> returnType, Class<?>... params) {
        Class<?> c = type(className);
        try {
            MethodHandle h = lookup(c).findVirtual(c, name, MethodType.methodType(returnType, params));
            Class<?>[] all = new Class<?>[params.length + 1];
            all[0] = Object.class;
            System.arraycopy(params, 0, all, 1, params.length);
            return h.asType(MethodType.methodType(returnType == void.class ? void.class : Object.class, all));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("no method " + className + "." + name, e);
        }
    }
}
