package dev.codemode.typescript;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON Schema rules, one at a time, through
 * {@link TypeScriptDeclarations#declareType(String, String)}. Schemas are written with
 * single quotes for readability.
 */
class SchemaTypesTests {

	static String declare(String schema) {
		return TypeScriptDeclarations.declareType("T", schema.replace('\'', '"'));
	}

	/**
	 * The type expression of a schema that declares no named types, after the JSDoc of
	 * the type if any.
	 */
	static String type(String schema) {
		String declaration = declare(schema);
		if (declaration.startsWith("/**")) {
			declaration = declaration.substring(declaration.indexOf("*/\n") + 3);
		}
		assertThat(declaration).startsWith("type T = ").doesNotContain("\ntype ");
		return declaration.substring("type T = ".length());
	}

	@Nested
	class Basics {

		@Test
		void emptyAndTrueSchemasAreUnknownAndFalseIsNever() {
			assertThat(type("{}")).isEqualTo("unknown");
			assertThat(type("true")).isEqualTo("unknown");
			assertThat(type("false")).isEqualTo("never");
			assertThat(type("{'description': 'anything'}")).isEqualTo("unknown");
		}

		@Test
		void primitivesMapToTheirTypesAndIntegerIsNumber() {
			assertThat(type("{'type': 'string'}")).isEqualTo("string");
			assertThat(type("{'type': 'integer'}")).isEqualTo("number");
			assertThat(type("{'type': 'number'}")).isEqualTo("number");
			assertThat(type("{'type': 'boolean'}")).isEqualTo("boolean");
			assertThat(type("{'type': 'null'}")).isEqualTo("null");
			assertThat(type("{'type': 'weird'}")).isEqualTo("unknown");
		}

		@Test
		void typeArraysAreUnions() {
			assertThat(type("{'type': ['string', 'number']}")).isEqualTo("string | number");
			assertThat(type("{'type': ['integer', 'number']}")).isEqualTo("number");
			assertThat(type("{'type': ['array', 'null'], 'items': {'type': 'string'}}")).isEqualTo("string[] | null");
		}

		@Test
		void unrepresentableKeywordsAddNothingAndAreNeverAny() {
			assertThat(type("{'not': {'type': 'string'}}")).isEqualTo("unknown");
			assertThat(type("{'type': 'string', 'not': {'const': ''}}")).isEqualTo("string");
			assertThat(type("{'if': {'type': 'string'}, 'then': {'minLength': 1}}")).isEqualTo("unknown");
			assertThat(declare("{'type': 'object', 'properties': {'a': {'not': {}}}}")).doesNotContain("any");
		}

		@Test
		void nestingBeyondTheDepthLimitIsUnknown() {
			String schema = "{'type': 'string'}";
			for (int level = 0; level <= SchemaConverter.MAX_DEPTH + 1; level++) {
				schema = "{'type': 'array', 'items': " + schema + "}";
			}
			assertThat(type(schema)).startsWith("unknown[]").doesNotContain("string");
		}

		@Test
		void aSchemaThatIsNotJsonIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> TypeScriptDeclarations.declareType("T", "{nope"))
				.withMessageContaining("Not a JSON Schema");
		}

		@Test
		void theTypeNameMustBeAnIdentifier() {
			assertThatIllegalArgumentException().isThrownBy(() -> TypeScriptDeclarations.declareType("my-type", "{}"));
		}

	}

	@Nested
	class Nullable {

		@Test
		void nullInATypeArrayIsKept() {
			assertThat(type("{'type': ['string', 'null']}")).isEqualTo("string | null");
			assertThat(type("{'type': ['object', 'null'], 'properties': {'a': {'type': 'string'}}, 'required': ['a']}"))
				.isEqualTo("{\n    a: string;\n} | null");
		}

		@Test
		void openApiNullableAddsNull() {
			assertThat(type("{'type': 'integer', 'nullable': true}")).isEqualTo("number | null");
			assertThat(type("{'type': 'string', 'enum': ['a', 'b'], 'nullable': true}"))
				.isEqualTo("\"a\" | \"b\" | null");
			assertThat(type("{'type': 'string', 'enum': ['a', null], 'nullable': true}")).isEqualTo("\"a\" | null");
			assertThat(type("{'nullable': true}")).isEqualTo("unknown");
		}

		@Test
		void anyOfWithNullIsANullableUnion() {
			assertThat(type("{'anyOf': [{'type': 'string'}, {'type': 'null'}], 'default': null}"))
				.isEqualTo("string | null");
		}

	}

	@Nested
	class Literals {

		@Test
		void enumsAreLiteralUnionsOfEveryKindOfValue() {
			assertThat(type("{'enum': ['a', 1, 2.5, -3, true, null]}")).isEqualTo("\"a\" | 1 | 2.5 | -3 | true | null");
		}

		@Test
		void stringLiteralsAreEscaped() {
			String schema = "{\"enum\": [\"say \\\"hi\\\"\", \"back\\\\slash\", \"line\\nbreak\", \"tab\\t\", \"\\u0001\", \"\\u2028\"]}";
			assertThat(TypeScriptDeclarations.declareType("T", schema)).isEqualTo(
					"type T = \"say \\\"hi\\\"\" | \"back\\\\slash\" | \"line\\nbreak\" | \"tab\\t\" | \"\\u0001\" | \"\\u2028\"");
		}

		@Test
		void anEmptyEnumIsNever() {
			assertThat(type("{'enum': []}")).isEqualTo("never");
		}

		@Test
		void constsAreLiterals() {
			assertThat(type("{'const': 'v1'}")).isEqualTo("\"v1\"");
			assertThat(type("{'const': 0}")).isEqualTo("0");
			assertThat(type("{'const': false}")).isEqualTo("false");
			assertThat(type("{'const': null}")).isEqualTo("null");
		}

		@Test
		void structuredConstsAreTheirExactObjectOrTupleType() {
			assertThat(type("{'const': {'a': [1, 'x'], 'b-c': {}}}"))
				.isEqualTo("{\"a\":[1,\"x\"],\"b-c\":Record<string, never>}");
		}

		@Test
		void aNumberBeyondDoubleRangeIsJustNumber() {
			assertThat(type("{'enum': [1e400, 1]}")).isEqualTo("number | 1");
		}

		@Test
		void duplicateValuesAppearOnce() {
			assertThat(type("{'enum': ['a', 'a', 'b']}")).isEqualTo("\"a\" | \"b\"");
		}

	}

	@Nested
	class Arrays {

		@Test
		void itemsGiveTheElementType() {
			assertThat(type("{'type': 'array', 'items': {'type': 'string'}}")).isEqualTo("string[]");
			assertThat(type("{'type': 'array'}")).isEqualTo("unknown[]");
			assertThat(type("{'items': {'type': 'number'}}")).isEqualTo("number[]");
		}

		@Test
		void unionElementsAreParenthesized() {
			assertThat(type("{'type': 'array', 'items': {'type': ['string', 'number']}}"))
				.isEqualTo("(string | number)[]");
			assertThat(type("{'type': 'array', 'items': {'enum': [-1, 1]}}")).isEqualTo("(-1 | 1)[]");
		}

		@Test
		void prefixItemsAreAClosedTuple() {
			assertThat(type("{'type': 'array', 'prefixItems': [{'type': 'string'}, {'type': 'number'}]}"))
				.isEqualTo("[string, number]");
		}

		@Test
		void prefixItemsWithItemsHaveARest() {
			assertThat(type("{'type': 'array', 'prefixItems': [{'type': 'string'}], 'items': {'type': 'number'}}"))
				.isEqualTo("[string, ...number[]]");
			assertThat(type("{'type': 'array', 'prefixItems': [{'type': 'string'}], 'items': true}"))
				.isEqualTo("[string, ...unknown[]]");
			assertThat(type("{'type': 'array', 'prefixItems': [{'type': 'string'}], 'items': false}"))
				.isEqualTo("[string]");
		}

		@Test
		void draft7ItemsArraysAreTuplesWithAdditionalItemsAsRest() {
			assertThat(type("{'type': 'array', 'items': [{'type': 'string'}], 'additionalItems': {'type': 'boolean'}}"))
				.isEqualTo("[string, ...boolean[]]");
			assertThat(type("{'type': 'array', 'items': [{'type': 'string'}], 'additionalItems': false}"))
				.isEqualTo("[string]");
		}

		@Test
		void elementsBeyondMinItemsAreOptional() {
			assertThat(type(
					"{'type': 'array', 'prefixItems': [{'type': 'string'}, {'type': ['number', 'null']}], 'minItems': 1}"))
				.isEqualTo("[string, (number | null)?]");
		}

		@Test
		void itemsFalseAloneIsTheEmptyTuple() {
			assertThat(type("{'type': 'array', 'items': false}")).isEqualTo("[]");
		}

	}

	@Nested
	class Objects {

		@Test
		void requiredAndOptionalMembersKeepTheirOrder() {
			assertThat(type(
					"{'type': 'object', 'properties': {'b': {'type': 'string'}, 'a': {'type': 'number'}}, 'required': ['a']}"))
				.isEqualTo("{\n    b?: string;\n    a: number;\n}");
		}

		@Test
		void requiredNamesWithoutAPropertySchemaAreUnknownMembers() {
			assertThat(type("{'type': 'object', 'properties': {'a': {'type': 'string'}}, 'required': ['a', 'b']}"))
				.isEqualTo("{\n    a: string;\n    b: unknown;\n}");
		}

		@Test
		void memberNamesThatAreNotIdentifiersAreQuoted() {
			assertThat(type("{'properties': {'a-b': {}, '1x': {}, '$ok': {}, '_ok': {}, '日本': {}, 'class': {}}}"))
				.isEqualTo("{\n    \"a-b\"?: unknown;\n    \"1x\"?: unknown;\n    $ok?: unknown;\n    _ok?: unknown;\n"
						+ "    \"日本\"?: unknown;\n    class?: unknown;\n}");
		}

		@Test
		void nestedObjectsAreIndented() {
			assertThat(type("{'properties': {'a': {'properties': {'b': {'type': 'string'}}}}}"))
				.isEqualTo("{\n    a?: {\n        b?: string;\n    };\n}");
		}

		@Test
		void additionalPropertiesAloneIsARecord() {
			assertThat(type("{'type': 'object', 'additionalProperties': {'type': 'number'}}"))
				.isEqualTo("Record<string, number>");
			assertThat(type("{'type': 'object', 'additionalProperties': true}")).isEqualTo("Record<string, unknown>");
			assertThat(type("{'type': 'object'}")).isEqualTo("Record<string, unknown>");
		}

		@Test
		void anIndexSignatureAdmitsTheNamedMembersSoTypeScriptAcceptsIt() {
			assertThat(type(
					"{'type': 'object', 'properties': {'id': {'type': 'string'}, 'n': {'type': 'boolean'}}, 'required': ['id'], 'additionalProperties': {'type': 'number'}}"))
				.isEqualTo(
						"{\n    id: string;\n    n?: boolean;\n    [key: string]: number | string | boolean | undefined;\n}");
		}

		@Test
		void patternPropertiesJoinTheIndexSignature() {
			assertThat(type(
					"{'type': 'object', 'patternProperties': {'^x-': {'type': 'string'}}, 'additionalProperties': false}"))
				.isEqualTo("Record<string, string>");
			assertThat(type(
					"{'type': 'object', 'patternProperties': {'^x-': {'type': 'string'}}, 'additionalProperties': {'type': 'number'}}"))
				.isEqualTo("Record<string, string | number>");
		}

		@Test
		void aClosedObjectWithoutMembersAcceptsOnlyTheEmptyObject() {
			assertThat(type("{'type': 'object', 'properties': {}, 'additionalProperties': false}"))
				.isEqualTo("Record<string, never>");
		}

		@Test
		void propertiesImplyAnObjectWithoutType() {
			assertThat(type("{'properties': {'q': {'type': 'string'}}}")).isEqualTo("{\n    q?: string;\n}");
		}

	}

	@Nested
	class Combinators {

		@Test
		void anyOfAndOneOfAreUnions() {
			assertThat(type("{'anyOf': [{'type': 'string'}, {'type': 'number'}]}")).isEqualTo("string | number");
			assertThat(type("{'oneOf': [{'const': 'a'}, {'const': 'b'}]}")).isEqualTo("\"a\" | \"b\"");
		}

		@Test
		void anAlternativeThatAllowsAnythingMakesTheUnionUnknown() {
			assertThat(type("{'anyOf': [{'type': 'string'}, {}]}")).isEqualTo("unknown");
		}

		@Test
		void allOfIsAnIntersection() {
			assertThat(type(
					"{'allOf': [{'properties': {'a': {'type': 'string'}}, 'required': ['a']}, {'properties': {'b': {'type': 'number'}}}]}"))
				.isEqualTo("{\n    a: string;\n} & {\n    b?: number;\n}");
		}

		@Test
		void unionsInsideIntersectionsAreParenthesized() {
			assertThat(type(
					"{'allOf': [{'anyOf': [{'type': 'string'}, {'type': 'number'}]}, {'anyOf': [{'type': 'number'}, {'type': 'boolean'}]}]}"))
				.isEqualTo("(string | number) & (number | boolean)");
		}

		@Test
		void allOfMembersThatOnlyConstrainAreDropped() {
			assertThat(type("{'type': 'string', 'allOf': [{'minLength': 1}, {'pattern': '^a'}]}")).isEqualTo("string");
		}

		@Test
		void aBareTypeNextToACombinatorAddsNoNoise() {
			assertThat(type(
					"{'type': 'object', 'oneOf': [{'properties': {'k': {'const': 'a'}}, 'required': ['k']}, {'properties': {'k': {'const': 'b'}}, 'required': ['k']}]}"))
				.isEqualTo("{\n    k: \"a\";\n} | {\n    k: \"b\";\n}");
		}

		@Test
		void keywordsNextToACombinatorAllApply() {
			assertThat(type(
					"{'type': 'object', 'properties': {'id': {'type': 'string'}}, 'required': ['id'], 'anyOf': [{'properties': {'a': {'type': 'number'}}}, {'properties': {'b': {'type': 'number'}}}]}"))
				.isEqualTo("{\n    id: string;\n} & ({\n    a?: number;\n} | {\n    b?: number;\n})");
		}

	}

	@Nested
	class References {

		@Test
		void defsAndDefinitionsBecomeNamedTypes() {
			assertThat(declare(
					"{'type': 'object', 'properties': {'a': {'$ref': '#/$defs/Item'}, 'b': {'$ref': '#/definitions/Item'}}, '$defs': {'Item': {'type': 'string'}}, 'definitions': {'Item': {'type': 'number'}}}"))
				.isEqualTo("""
						type T = {
						    a?: Item;
						    b?: TItem;
						}
						type Item = string
						type TItem = number""");
		}

		@Test
		void aNamedTypeIsDeclaredOnceHoweverOftenItIsUsed() {
			assertThat(declare(
					"{'type': 'array', 'items': {'anyOf': [{'$ref': '#/$defs/A'}, {'type': 'array', 'items': {'$ref': '#/$defs/A'}}]}, '$defs': {'A': {'type': 'string'}}}"))
				.isEqualTo("type T = (A | A[])[]\ntype A = string");
		}

		@Test
		void recursionIsANamedRecursiveType() {
			assertThat(declare(
					"{'$ref': '#/$defs/Tree', '$defs': {'Tree': {'type': 'object', 'properties': {'children': {'type': 'array', 'items': {'$ref': '#/$defs/Tree'}}, 'parent': {'$ref': '#/$defs/Tree'}}}}}"))
				.isEqualTo("""
						type T = Tree
						type Tree = {
						    children?: Tree[];
						    parent?: Tree;
						}""");
		}

		@Test
		void mutualRecursionWorks() {
			assertThat(declare(
					"{'$ref': '#/$defs/A', '$defs': {'A': {'properties': {'b': {'$ref': '#/$defs/B'}}}, 'B': {'properties': {'a': {'$ref': '#/$defs/A'}}}}}"))
				.isEqualTo("""
						type T = A
						type A = {
						    b?: B;
						}
						type B = {
						    a?: A;
						}""");
		}

		@Test
		void theRootIsReferencedByItsOwnName() {
			assertThat(
					declare("{'type': 'object', 'properties': {'next': {'anyOf': [{'$ref': '#'}, {'type': 'null'}]}}}"))
				.isEqualTo("type T = {\n    next?: T | null;\n}");
		}

		@Test
		void aCycleThatTypeScriptWouldRejectIsCutToUnknown() {
			assertThat(declare("{'$ref': '#'}")).isEqualTo("type T = unknown");
			assertThat(declare(
					"{'anyOf': [{'$ref': '#/$defs/A'}, {'type': 'string'}], '$defs': {'A': {'anyOf': [{'$ref': '#/$defs/B'}, {'type': 'null'}]}, 'B': {'anyOf': [{'$ref': '#/$defs/A'}, {'type': 'number'}]}}}"))
				.isEqualTo("type T = A | string\ntype A = B | null\ntype B = unknown");
			assertThat(
					declare("{'$ref': '#/$defs/M', '$defs': {'M': {'additionalProperties': {'$ref': '#/$defs/M'}}}}"))
				.isEqualTo("type T = M\ntype M = Record<string, unknown>");
		}

		@Test
		void anyJsonPointerIntoTheDocumentIsNamedAfterItsLastSegment() {
			assertThat(declare(
					"{'properties': {'order-item': {'type': 'string'}, 'copy': {'$ref': '#/properties/order-item'}}}"))
				.isEqualTo(
						"type T = {\n    \"order-item\"?: string;\n    copy?: OrderItem;\n}\ntype OrderItem = string");
		}

		@Test
		void escapedPointerSegmentsResolve() {
			assertThat(
					declare("{'properties': {'a': {'$ref': '#/$defs/x~1y'}}, '$defs': {'x/y': {'type': 'boolean'}}}"))
				.isEqualTo("type T = {\n    a?: Xy;\n}\ntype Xy = boolean");
		}

		@Test
		void percentEncodedReferencesResolve() {
			assertThat(declare(
					"{'properties': {'a': {'$ref': '#/$defs/My%20Type'}}, '$defs': {'My Type': {'type': 'boolean'}}}"))
				.isEqualTo("type T = {\n    a?: My_Type;\n}\ntype My_Type = boolean");
		}

		@Test
		void externalAnchorAndMissingReferencesAreUnknown() {
			assertThat(type(
					"{'properties': {'a': {'$ref': 'https://example.com/s.json'}, 'b': {'$ref': 'other.json#/x'}, 'c': {'$ref': '#anchor'}, 'd': {'$ref': '#/$defs/Missing'}, 'e': {'$ref': '#/not a pointer~'}}}"))
				.isEqualTo(
						"{\n    a?: unknown;\n    b?: unknown;\n    c?: unknown;\n    d?: unknown;\n    e?: unknown;\n}");
		}

		@Test
		void referencesToBooleanSchemasAreInlined() {
			assertThat(type(
					"{'properties': {'a': {'$ref': '#/$defs/Yes'}, 'b': {'$ref': '#/$defs/No'}}, '$defs': {'Yes': true, 'No': false}}"))
				.isEqualTo("{\n    a?: unknown;\n    b?: never;\n}");
		}

		@Test
		void siblingsOfAReferenceApply() {
			assertThat(declare(
					"{'properties': {'a': {'$ref': '#/$defs/A', 'nullable': true, 'description': 'The A'}}, '$defs': {'A': {'type': 'string', 'description': 'An A'}}}"))
				.isEqualTo("""
						type T = {
						    /** The A */
						    a?: A | null;
						}
						/** An A */
						type A = string""");
		}

		@Test
		void namedTypesNeverTakeTheNameOfATypeScriptGlobal() {
			assertThat(declare(
					"{'anyOf': [{'$ref': '#/$defs/Promise'}, {'$ref': '#/$defs/Record'}, {'$ref': '#/$defs/Event'}, {'$ref': '#/$defs/string'}], '$defs': {'Promise': {'const': 1}, 'Record': {'const': 2}, 'Event': {'const': 3}, 'string': {'const': 4}}}"))
				.isEqualTo(
						"type T = TPromise | TRecord | TEvent | TString\ntype TPromise = 1\ntype TRecord = 2\ntype TEvent = 3\ntype TString = 4");
		}

	}

}
