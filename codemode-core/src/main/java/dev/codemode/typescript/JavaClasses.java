package dev.codemode.typescript;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * What {@link JavaTypeConverter} needs to know about classes and properties beyond what Jackson tells it.
 */
final class JavaClasses {

    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private JavaClasses() {
    }

    // Any annotation named Nullable counts (JSpecify, Jakarta, Spring, JSR 305): none of them is a dependency.
    static boolean isAnnotatedNullable(BeanPropertyDefinition property) {
        return annotationsOf(property).stream()
            .anyMatch((annotation) -> annotation.annotationType().getSimpleName().equals("Nullable"));
    }

    static boolean isDeprecated(BeanPropertyDefinition property) {
        return annotationsOf(property).stream().anyMatch(Deprecated.class::isInstance);
    }

    // Declaration and type-use annotations of the getter and the field: a record component's annotations end up
    // on one or both, depending on their targets.
    private static List<Annotation> annotationsOf(BeanPropertyDefinition property) {
        List<Annotation> found = new ArrayList<>();
        for (AnnotatedMember member : new AnnotatedMember[] { property.getGetter(), property.getField() }) {
            if (member == null) {
                continue;
            }
            AnnotatedElement element = member.getAnnotated();
            found.addAll(Arrays.asList(element.getAnnotations()));
            if (element instanceof Method method) {
                found.addAll(Arrays.asList(method.getAnnotatedReturnType().getAnnotations()));
            }
            else if (element instanceof Field field) {
                found.addAll(Arrays.asList(field.getAnnotatedType().getAnnotations()));
            }
        }
        return found;
    }

    // A JDK class that is not a known scalar: its getters are implementation details, not a JSON shape to rely on.
    static boolean isJdkClass(Class<?> type) {
        String name = type.getName();
        return type.isPrimitive() || JDK_PACKAGES.stream().anyMatch(name::startsWith);
    }

    // By name: java.awt is in the java.desktop module, which this library does not need.
    static boolean isRenderedImage(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> candidate : allInterfaces(current)) {
                if (candidate.getName().equals("java.awt.image.RenderedImage")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> interfaces = new HashSet<>();
        List<Class<?>> pending = new ArrayList<>(List.of(type));
        while (!pending.isEmpty()) {
            Class<?> next = pending.remove(pending.size() - 1);
            if (interfaces.add(next)) {
                pending.addAll(List.of(next.getInterfaces()));
            }
        }
        return interfaces;
    }

    /**
     * The name a class's type gets: its simple name, with its type arguments for a generic one
     * ({@code Page<Order>} is {@code PageOfOrder}).
     */
    static String label(JavaType type) {
        if (type.isArrayType()) {
            return label(type.getContentType()) + "Array";
        }
        String simpleName = type.getRawClass().getSimpleName();
        String label = simpleName.isEmpty() ? "Anonymous" : simpleName;
        List<JavaType> arguments = type.getBindings().getTypeParameters();
        if (arguments.isEmpty()) {
            return label;
        }
        return label + "Of" + arguments.stream().map(JavaClasses::label).collect(Collectors.joining("And"));
    }

}
