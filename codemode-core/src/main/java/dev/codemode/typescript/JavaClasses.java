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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * What {@link JavaTypeConverter} needs to know about classes and properties beyond what
 * Jackson tells it.
 */
final class JavaClasses {

	private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

	private JavaClasses() {
	}

	// Annotations that say a value is never null, by simple name as for Nullable:
	// JSpecify, Lombok and Spring
	// NonNull, JSR 305 Nonnull, Jakarta Validation (and JetBrains) NotNull, and the
	// Jakarta constraints that
	// imply it.
	private static final Set<String> NON_NULL = Set.of("NonNull", "Nonnull", "NotNull", "NotEmpty", "NotBlank");

	/**
	 * Whether Jackson may write {@code null} for a property of a reference type: yes,
	 * unless the code says otherwise (issue 11 §4). {@code Nullable} says yes; a non-null
	 * annotation on the member, or a JSpecify {@code @NullMarked} scope (its class, an
	 * enclosing class, its package or its module, unless a nearer {@code @NullUnmarked}
	 * ends it), says no.
	 * @param property the property
	 * @param declaringClass the class that declares the property's accessor
	 * @return whether the property may be {@code null}
	 */
	static boolean mayBeNull(BeanPropertyDefinition property, Class<?> declaringClass) {
		List<Annotation> annotations = annotationsOf(property);
		// Any annotation named Nullable counts (JSpecify, Jakarta, Spring, JSR 305): none
		// of them is a dependency.
		if (annotations.stream().anyMatch((annotation) -> simpleName(annotation).equals("Nullable"))) {
			return true;
		}
		if (annotations.stream().anyMatch((annotation) -> NON_NULL.contains(simpleName(annotation)))) {
			return false;
		}
		return !isNullMarked(declaringClass, property.getField() != null && property.getGetter() == null);
	}

	// The nearest scope that says anything decides; Spring's @NonNullApi covers return
	// values (getters and record
	// accessors) and @NonNullFields covers fields.
	private static boolean isNullMarked(Class<?> type, boolean field) {
		for (Class<?> scope = type; scope != null; scope = scope.getEnclosingClass()) {
			Boolean marked = nullMarking(scope.getAnnotations(), field);
			if (marked != null) {
				return marked;
			}
		}
		Package pkg = type.getPackage();
		Boolean marked = (pkg != null) ? nullMarking(pkg.getAnnotations(), field) : null;
		if (marked == null) {
			marked = nullMarking(type.getModule().getAnnotations(), field);
		}
		return Boolean.TRUE.equals(marked);
	}

	private static @Nullable Boolean nullMarking(Annotation[] annotations, boolean field) {
		for (Annotation annotation : annotations) {
			String name = simpleName(annotation);
			if (name.equals("NullUnmarked")) {
				return false;
			}
			if (name.equals("NullMarked") || name.equals(field ? "NonNullFields" : "NonNullApi")) {
				return true;
			}
		}
		return null;
	}

	private static String simpleName(Annotation annotation) {
		return annotation.annotationType().getSimpleName();
	}

	static boolean isDeprecated(BeanPropertyDefinition property) {
		return annotationsOf(property).stream().anyMatch(Deprecated.class::isInstance);
	}

	// Declaration and type-use annotations of the getter and the field: a record
	// component's annotations end up
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

	// A JDK class that is not a known scalar: its getters are implementation details, not
	// a JSON shape to rely on.
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
	 * The name a class's type gets: its simple name, with its type arguments for a
	 * generic one ({@code Page<Order>} is {@code PageOfOrder}).
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
