package dev.codemode.typescript;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.util.JacksonUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TypeScript type of what a {@code @Tool} method's result becomes in the sandbox:
 * Spring AI's {@code DefaultToolCallResultConverter} writes it with Jackson 3
 * ({@link JacksonUtils#getDefaultJsonMapper()}), and the sandbox parses that JSON. So the
 * properties of a class are the ones Jackson writes, found with Jackson's own
 * introspection and configuration: names after {@code @JsonProperty} and naming
 * strategies, without {@code @JsonIgnore}d or {@code @JsonIgnoreProperties} ones, in
 * Jackson's order; {@code @JsonValue} replaces a class by its value,
 * {@code @JsonAnyGetter} adds an index signature, {@code @JsonUnwrapped} merges a
 * member's properties; an enum is the union of what Jackson writes for its constants (in
 * Jackson 3 that is {@code toString()} unless annotated).
 * <p>
 * Null: Jackson writes {@code null} for a member of a reference type that is null, so
 * such a member is {@code T | null} unless the code says it is never null: a primitive, a
 * JSpecify {@code @NullMarked} scope (or Spring's {@code @NonNullApi} /
 * {@code @NonNullFields}) without {@code @Nullable} on the member, or a non-null
 * annotation on it ({@code @NonNull}, {@code @Nonnull}, Jakarta Validation's
 * {@code @NotNull}, {@code @NotEmpty}, {@code @NotBlank}; annotations are recognized by
 * simple name, so none of them is a dependency). An {@code Optional} is {@code T | null}
 * (written as {@code null} when empty). A member that Jackson leaves out when null or
 * empty ({@code @JsonInclude(NON_NULL)} and the like) is optional ({@code due?: string})
 * instead. The result itself, the elements of collections and the values of maps are
 * declared without {@code null}: a tool that returns {@code null} there gives the program
 * {@code null} all the same.
 * <p>
 * Classes become named types (recursion included), other types are written inline. What
 * cannot be known statically is {@code unknown}: {@code Object}, {@code JsonNode}, other
 * JDK classes, classes with a custom serializer.
 * <p>
 * A {@code String} result is declared {@code string}: the starter writes it with
 * {@code dev.codemode.tool.JsonStringResultConverter}, so that a program receives exactly
 * that string. Spring AI's own default converter passes a {@code String} whose text is
 * valid JSON through as JSON (the text {@code 42} reaches a program as a number), so a
 * {@code ToolCallback} built with it is only declared {@code string} when its author says
 * so. Known imprecisions: type ids of {@code @JsonTypeInfo} are not shown. A tool with
 * its own {@code ToolCallResultConverter} may write something else entirely.
 */
final class JavaTypeConverter {

	private static final Logger logger = LoggerFactory.getLogger(TypeScriptDeclarations.class);

	private final NamedTypes namedTypes;

	private final JsonMapper mapper = JacksonUtils.getDefaultJsonMapper();

	private final SerializationConfig config = this.mapper.serializationConfig();

	private final AnnotationIntrospector annotations = this.config.getAnnotationIntrospector();

	// Containers being converted: a collection that contains itself (class Tree extends
	// ArrayList<Tree>) has no
	// class in between to name, so its recursion stops at unknown.
	private final Set<JavaType> inProgress = new HashSet<>();

	JavaTypeConverter(NamedTypes namedTypes) {
		this.namedTypes = namedTypes;
	}

	/**
	 * The type of a tool's result in the sandbox. A {@code void} method gives what
	 * {@code DefaultToolCallResultConverter} returns for it: the JSON string
	 * {@code "Done"}.
	 * @param resultType the method's generic return type
	 * @return the type
	 */
	TsType convertResult(Type resultType) {
		if (resultType == void.class) {
			return TsType.STRING;
		}
		return convert(this.mapper.constructType(resultType));
	}

	/**
	 * The format of a string that a type is written as, looking through {@code Optional}.
	 * @param resultType the type
	 * @return the format, or {@code null}
	 */
	@Nullable String formatOf(Type resultType) {
		return formatOf(this.mapper.constructType(resultType));
	}

	private @Nullable String formatOf(JavaType type) {
		JavaType value = type.isReferenceType() ? type.getReferencedType() : type;
		JavaScalars.Scalar scalar = JavaScalars.of(value.getRawClass());
		return (scalar != null) ? scalar.format() : null;
	}

	private TsType convert(JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw == Void.class || raw == void.class) {
			return TsType.NULL;
		}
		JavaScalars.Scalar scalar = JavaScalars.of(raw);
		if (scalar != null) {
			return scalar.type();
		}
		if (type.isEnumType()) {
			return enumValues(raw);
		}
		if (JavaClasses.isRenderedImage(raw)) {
			// DefaultToolCallResultConverter writes images as PNG in base64.
			return TsType.object(List.of(
					new TsType.Member("mimeType", false, new TsType.Literal("\"image/png\""), JsDoc.NONE),
					new TsType.Member("data", false, TsType.STRING, JsDoc.builder().tag("format", "base64").build())),
					null, true);
		}
		if (ObjectNode.class.isAssignableFrom(raw)) {
			return new TsType.RecordOf(TsType.STRING, TsType.UNKNOWN);
		}
		if (ArrayNode.class.isAssignableFrom(raw)) {
			return new TsType.ArrayOf(TsType.UNKNOWN);
		}
		if (type.isJavaLangObject() || JsonNode.class.isAssignableFrom(raw)
				|| JacksonSerializable.class.isAssignableFrom(raw)) {
			return TsType.UNKNOWN;
		}
		if (type.isReferenceType() || type.isArrayType() || type.isCollectionLikeType() || type.isMapLikeType()
				|| type.isIterationType()) {
			return container(type);
		}
		if (JavaClasses.isJdkClass(raw)
				|| hasCustomSerializer(this.config.classIntrospectorInstance().introspectClassAnnotations(type))) {
			return TsType.UNKNOWN;
		}
		if (raw.isSealed() && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))) {
			return permittedSubclasses(type);
		}
		return bean(type);
	}

	private TsType container(JavaType type) {
		if (!this.inProgress.add(type)) {
			return TsType.UNKNOWN;
		}
		try {
			if (type.isReferenceType()) {
				// Optional, AtomicReference: empty is written as null.
				return TsType.nullable(convert(type.getReferencedType()));
			}
			if (type.isMapLikeType()) {
				return new TsType.RecordOf(mapKey(type.getKeyType()), convert(type.getContentType()));
			}
			// Arrays, collections, iterables, iterators and streams are all written as
			// JSON arrays.
			JavaType element = type.getContentType();
			return new TsType.ArrayOf((element != null) ? convert(element) : TsType.UNKNOWN);
		}
		finally {
			this.inProgress.remove(type);
		}
	}

	// Map keys are written as strings; enum keys as what Jackson writes for each constant
	// as a key.
	private TsType mapKey(@Nullable JavaType keyType) {
		if (keyType == null || !keyType.isEnumType()) {
			return TsType.STRING;
		}
		List<TsType> keys = new ArrayList<>();
		for (Object constant : enumConstants(keyType.getRawClass())) {
			try {
				JsonNode written = this.mapper.valueToTree(Collections.singletonMap(constant, 0));
				written.propertyNames().forEach((key) -> keys.add(new TsType.Literal(TsSyntax.stringLiteral(key))));
			}
			catch (RuntimeException ex) {
				return TsType.STRING;
			}
		}
		return keys.isEmpty() ? TsType.STRING : TsType.union(keys);
	}

	private TsType enumValues(Class<?> enumType) {
		List<TsType> values = new ArrayList<>();
		for (Object constant : enumConstants(enumType)) {
			try {
				values.add(TsSyntax.literal(this.mapper.valueToTree(constant)));
			}
			catch (RuntimeException ex) {
				// Writing the constant runs its code (toString() in Jackson 3), which may
				// throw: so would the
				// tool's result.
				return TsType.UNKNOWN;
			}
		}
		return TsType.union(values);
	}

	private static Object[] enumConstants(Class<?> type) {
		// A constant with a body is an anonymous subclass of its enum.
		Class<?> enumType = type.isEnum() ? type : type.getSuperclass();
		Object[] constants = enumType.getEnumConstants();
		return (constants != null) ? constants : new Object[0];
	}

	// A sealed interface or abstract class is exactly one of its permitted subclasses.
	private TsType permittedSubclasses(JavaType type) {
		List<TsType> alternatives = new ArrayList<>();
		for (Class<?> subclass : type.getRawClass().getPermittedSubclasses()) {
			JavaType subtype;
			try {
				subtype = this.mapper.getTypeFactory().constructSpecializedType(type, subclass);
			}
			catch (IllegalArgumentException ex) {
				subtype = this.mapper.constructType(subclass);
			}
			alternatives.add(convert(subtype));
		}
		return TsType.union(alternatives);
	}

	private TsType bean(JavaType type) {
		String key = "java:" + type.toCanonical();
		String name = this.namedTypes.nameFor(key);
		if (name != null) {
			return new TsType.Reference(name);
		}
		name = this.namedTypes.names().claim(TypeNames.typeName(JavaClasses.label(type)), null);
		this.namedTypes.remember(key, name);
		NamedTypes.NamedType declaration = this.namedTypes.declare(name);
		ClassIntrospector introspector = this.config.classIntrospectorInstance();
		AnnotatedClass classInfo = introspector.introspectClassAnnotations(type);
		JsDoc doc = JsDoc.builder().description(this.annotations.findClassDescription(this.config, classInfo)).build();
		try {
			BeanDescription bean = introspector.introspectForSerialization(type, classInfo);
			declaration.define(beanBody(bean, classInfo), doc);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// Jackson cannot write this class either (conflicting getters and the like):
			// the tool would fail.
			logger.warn("Jackson cannot describe {}, so its type is unknown: {}", type.toCanonical(), ex.getMessage());
			declaration.define(TsType.UNKNOWN, doc);
		}
		return new TsType.Reference(name);
	}

	private TsType beanBody(BeanDescription bean, AnnotatedClass classInfo) {
		AnnotatedMember jsonValue = bean.findJsonValueAccessor();
		if (jsonValue != null) {
			return hasCustomSerializer(jsonValue) ? TsType.UNKNOWN : convert(jsonValue.getType());
		}
		Class<?> beanClass = bean.getBeanClass();
		Set<String> ignored = this.config.getDefaultPropertyIgnorals(beanClass, classInfo)
			.findIgnoredForSerialization();
		JsonInclude.Value beanInclusion = JsonInclude.Value.merge(bean.findPropertyInclusion(JsonInclude.Value.empty()),
				this.config.getDefaultPropertyInclusion(beanClass, JsonInclude.Value.empty()));
		List<TsType.Member> members = new ArrayList<>();
		List<TsType> unwrapped = new ArrayList<>();
		for (BeanPropertyDefinition property : bean.findProperties()) {
			AnnotatedMember accessor = property.getAccessor();
			if (accessor == null || !property.couldSerialize() || ignored.contains(property.getName())) {
				continue;
			}
			if (this.annotations.findUnwrappingNameTransformer(this.config, accessor) != null) {
				// Its properties are written into this object (a prefix or suffix, if
				// any, is not shown).
				unwrapped.add(TsType.withoutNull(convert(accessor.getType())));
				continue;
			}
			members.add(member(property, accessor, beanClass, beanInclusion));
		}
		AnnotatedMember anyGetter = bean.findAnyGetter();
		TsType index = null;
		if (anyGetter != null) {
			JavaType anyType = anyGetter.getType();
			index = anyType.isMapLikeType() ? convert(anyType.getContentType()) : TsType.UNKNOWN;
		}
		List<TsType> parts = new ArrayList<>();
		parts.add(TsType.object(members, index, true));
		parts.addAll(unwrapped);
		if (!members.isEmpty() || index != null) {
			return TsType.intersection(parts);
		}
		return unwrapped.isEmpty() ? parts.get(0) : TsType.intersection(unwrapped);
	}

	private TsType.Member member(BeanPropertyDefinition property, AnnotatedMember accessor, Class<?> beanClass,
			JsonInclude.Value beanInclusion) {
		JavaType type = accessor.getType();
		TsType tsType = hasCustomSerializer(accessor) ? TsType.UNKNOWN : convert(type);
		if (!type.isPrimitive() && JavaClasses.mayBeNull(property, accessor.getDeclaringClass())) {
			tsType = TsType.nullable(tsType);
		}
		JsonInclude.Include inclusion = this.config.getDefaultInclusion(beanClass, type.getRawClass(), beanInclusion)
			.withOverrides(property.findInclusion())
			.getValueInclusion();
		boolean optional = false;
		switch (inclusion) {
			case NON_NULL -> {
				optional = true;
				// An empty Optional is still written, as null; only NON_ABSENT leaves it
				// out.
				tsType = type.isReferenceType() ? tsType : TsType.withoutNull(tsType);
			}
			case NON_ABSENT, NON_EMPTY, NON_DEFAULT -> {
				optional = true;
				tsType = TsType.withoutNull(tsType);
			}
			case CUSTOM -> optional = true;
			default -> {
			}
		}
		JsDoc.Builder doc = JsDoc.builder().description(property.getMetadata().getDescription());
		String format = formatOf(type);
		if (format != null) {
			doc.tag("format", format);
		}
		if (JavaClasses.isDeprecated(property)) {
			doc.tag("deprecated", null);
		}
		return new TsType.Member(property.getName(), optional, tsType, doc.build());
	}

	private boolean hasCustomSerializer(Annotated annotated) {
		return this.annotations.findSerializer(this.config, annotated) != null;
	}

}
