package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The named types of one set of declarations, in the order they were declared, with the
 * maps that let two tools share a named type when they describe the same thing (the same
 * {@code $defs} entry, the same Java class).
 * <p>
 * A type is declared before its body is known, so that a recursive schema or class can
 * refer to its own name.
 */
final class NamedTypes {

	private final TypeNames names = new TypeNames();

	private final Map<String, NamedType> byName = new LinkedHashMap<>();

	private final Map<String, String> nameByKey = new HashMap<>();

	TypeNames names() {
		return this.names;
	}

	/**
	 * Declares a named type whose name has been claimed; its body is {@code unknown}
	 * until set.
	 * @param name the name
	 * @return the declaration
	 */
	NamedType declare(String name) {
		NamedType declaration = new NamedType(name);
		if (this.byName.putIfAbsent(name, declaration) != null) {
			throw new IllegalStateException("Type " + name + " is declared twice");
		}
		return declaration;
	}

	@Nullable NamedType get(String name) {
		return this.byName.get(name);
	}

	/**
	 * The name already given to what a key identifies (a schema and everything it refers
	 * to, or a Java type).
	 * @param key the key
	 * @return the name, or {@code null}
	 */
	@Nullable String nameFor(String key) {
		return this.nameByKey.get(key);
	}

	void remember(String key, String name) {
		this.nameByKey.put(key, name);
	}

	List<NamedType> all() {
		return new ArrayList<>(this.byName.values());
	}

	/** A named type: {@code type Name = body}. */
	static final class NamedType {

		private final String name;

		private TsType body = TsType.UNKNOWN;

		private JsDoc doc = JsDoc.NONE;

		NamedType(String name) {
			this.name = name;
		}

		String name() {
			return this.name;
		}

		TsType body() {
			return this.body;
		}

		JsDoc doc() {
			return this.doc;
		}

		void define(TsType body, JsDoc doc) {
			this.body = body;
			this.doc = doc;
		}

		/**
		 * The declaration as source, e.g. {@code type Address = {...}}, preceded by its
		 * JSDoc. No semicolon, as in the reference: the next declaration starts on a new
		 * line with a keyword.
		 * @return the source
		 */
		String render() {
			return this.doc.render("", false) + "type " + this.name + " = " + TypeRenderer.full(this.body, "");
		}

	}

}
