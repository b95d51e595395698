package dev.codemode.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

/**
 * The inputs on which SWC's parse time grows faster than the input, measured on swc4j
 * 2.0.0 (see the README), and the ordinary programs that must still be accepted.
 */
final class ParseShapes {

	private ParseShapes() {
	}

	/**
	 * Attack corpus row G3: {@code x = } and 4,000 repeats of {@code a<b,} (16 KB:
	 * seconds of parsing).
	 */
	static final String G3 = "x = " + "a<b,".repeat(4000);

	/**
	 * The worst shape of each family found, at a size where SWC would parse for many
	 * seconds to hours: each must be refused before it is parsed.
	 */
	static Stream<Named<String>> hostile() {
		return Stream.of(Named.of("G3: a<b, repeated (quadratic)", G3),
				Named.of("a < b < c chain (quadratic)", "x = a" + "<b".repeat(4000)),
				Named.of("type arguments inside a call (quadratic)", "f(" + "a<b,".repeat(4000) + "c)"),
				Named.of("a<b; statements (a failed try each)", "a<b;".repeat(16_000)),
				Named.of("nested type assertion <a>( (exponential)", "x = " + "<a>(".repeat(40) + "b" + ")".repeat(40)),
				Named.of("nested <a>[ (exponential)", "x = " + "<a>[".repeat(40) + "b" + "]".repeat(40)),
				Named.of("nested <a>`${ (exponential)", "x = " + "<a>`${".repeat(40) + "b" + "}`".repeat(40)),
				Named.of("arrow with return type in a conditional (exponential)",
						"x = " + "a ? (b) : c => ".repeat(40) + "d"),
				Named.of("the same, nested in brackets (exponential)",
						"x = " + "a ? (b) : c => [".repeat(40) + "d" + "]".repeat(40)),
				Named.of("type arguments before a template, with an error (exponential)",
						"x = " + "a<b>`${".repeat(40) + "a b" + "}`".repeat(40)),
				Named.of("a parameter default inside a type (exponential)",
						"x = " + "a < (x = ".repeat(40) + "a" + ") => 1".repeat(40)),
				Named.of("a computed key inside a type (exponential)",
						"x = " + "a<b, { [".repeat(40) + "a" + "]: 1 }".repeat(40)),
				Named.of("label chain (quadratic)", "a: ".repeat(2000) + "x"),
				Named.of("labels in nested blocks (quadratic)", "a: { ".repeat(390) + "x" + " }".repeat(390)),
				Named.of("decorators (a failed try each)", "@a ".repeat(16_000) + "class A {}"),
				Named.of("brackets nested past max-nesting-depth", "x = " + "[".repeat(1000) + "]".repeat(1000)));
	}

	/**
	 * The families of {@link #hostile()}, by size: the test finds the largest instance of
	 * each that the guard accepts, and parses it.
	 */
	static Stream<Named<IntFunction<String>>> families() {
		return Stream.of(family("G3: a<b, repeated", (n) -> "x = " + "a<b,".repeat(n)),
				family("a < b < c chain", (n) -> "x = a" + "<b".repeat(n)),
				family("type arguments inside a call", (n) -> "f(" + "a<b,".repeat(n) + "c)"),
				family("a<b; statements", (n) -> "a<b;".repeat(n)),
				family("a<b> then a new line", (n) -> "a<b>\nc\n".repeat(n)),
				family("nested type assertion <a>(", (n) -> "x = " + "<a>(".repeat(n) + "b" + ")".repeat(n)),
				family("nested <a>[", (n) -> "x = " + "<a>[".repeat(n) + "b" + "]".repeat(n)),
				family("arrow with return type in a conditional", (n) -> "x = " + "a ? (b) : c => ".repeat(n) + "d"),
				family("the same, nested in brackets",
						(n) -> "x = " + "a ? (b) : c => [".repeat(n) + "d" + "]".repeat(n)),
				family("type arguments before a template, with an error",
						(n) -> "x = " + "a<b>`${".repeat(n) + "a b" + "}`".repeat(n)),
				family("a parameter default inside a type",
						(n) -> "x = " + "a < (x = ".repeat(n) + "a" + ") => 1".repeat(n)),
				family("a computed key inside a type", (n) -> "x = " + "{ [a < ".repeat(n) + "a" + "]: 1 }".repeat(n)),
				family("label chain", (n) -> "a: ".repeat(n) + "x"),
				family("labels in nested blocks", (n) -> "a: { ".repeat(n) + "x" + " }".repeat(n)),
				family("decorators", (n) -> "@a ".repeat(n) + "class A {}"));
	}

	private static Named<IntFunction<String>> family(String name, IntFunction<String> family) {
		return Named.of(name, family);
	}

	/**
	 * Inputs the guard must not be fooled by: the hostile text is inside a string,
	 * comment, regex or template.
	 */
	static Stream<Named<String>> hidden() {
		String payload = "<a>(".repeat(40) + "a<b,".repeat(200);
		return Stream.of(Named.of("in a string", "const s = '" + payload + "';"),
				Named.of("in a double-quoted string", "const s = \"" + payload + "\";"),
				Named.of("in a line comment", "// " + payload + "\nx = 1"),
				Named.of("in a block comment", "/* " + payload + " */ x = 1"),
				Named.of("in an HTML-like comment", "x = 1 <!-- " + payload + "\ny = 2"),
				Named.of("in template text", "const s = `" + payload + "`;"),
				Named.of("in a regular expression", "const r = /" + payload.replace("(", "\\(") + "/;"));
	}

	/**
	 * The code blocks of the shared corpus of programs models write
	 * ({@code corpus/llm-code-samples.md}).
	 */
	static List<String> corpus() {
		String markdown;
		try (InputStream in = ParseShapes.class.getResourceAsStream("/corpus/llm-code-samples.md")) {
			markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> blocks = new ArrayList<>();
		Matcher block = Pattern.compile("```(?:ts|typescript|js|javascript)?\\n(.*?)```", Pattern.DOTALL)
			.matcher(markdown);
		while (block.find()) {
			blocks.add(block.group(1));
		}
		return blocks;
	}

	/**
	 * Ordinary code in the styles models use, each with what could look ambiguous to a
	 * naive count.
	 */
	static Stream<Named<String>> ordinary() {
		return Stream.of(Named.of("loops and comparisons", """
				let total = 0;
				for (let i = 0; i < items.length; i++) {
				  if (items[i].price < 10 && items[i].qty > 0) total += items[i].price;
				}
				while (total < 100) total *= 2;
				return total <= 500 ? total : 500;
				"""), Named.of("generics and type annotations", """
				interface Row { id: number; name: string; tags: Array<string> }
				const byId = new Map<number, Row>();
				const groups: Record<string, Array<{ id: number; score: number }>> = {};
				async function load<T>(name: string): Promise<T[]> {
				  const res = await codemode.query({ name }) as { rows: T[] };
				  return res.rows;
				}
				const rows = await load<Row>('rows');
				return rows.filter((r): r is Row => r.id > 0).map((r) => byId.set(r.id, r));
				"""), Named.of("typed arrows, ternaries and callbacks", """
				const score = (x: number): number => x < 0 ? 0 : x > 100 ? 100 : x;
				const label = (n: number): string => n < 10 ? 'low' : n < 20 ? 'mid' : n < 30 ? 'high' : 'max';
				const pick = ok ? (a: number): number => a * 2 : (a: number): number => a;
				const sorted = [...list].sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
				return { score: score(5), label: label(12), pick: pick(3), sorted };
				"""), Named.of("semicolon-less style", """
				const a = x < y
				const b = (v: number): number => v + 1
				const c = y < z ? b(1) : b(2)
				let d = 0
				for (const k of keys) d += k < 3 ? 1 : 0
				return [a, c, d]
				"""), Named.of("HTML in strings and templates", """
				const cell = (i: Item) => `<td>${i.price < 10 ? '<b>cheap</b>' : i.price}</td>`;
				const rows = items.map((i) => `<tr><td>${i.name}</td>${cell(i)}</tr>`);
				const html = '<table class="x">' + rows.join('') + '</table>';
				const re = /<td>(.*?)<\\/td>/g;
				return html.replace(re, (m: string, g: string) => `<td>${g.trim()}</td>`);
				"""), Named.of("a class with typed members", """
				class Cache<K, V> {
				  private items = new Map<K, { value: V; at: number }>();
				  constructor(private readonly ttl: number) {}
				  get(key: K): V | undefined {
				    const hit = this.items.get(key);
				    return hit && Date.now() - hit.at < this.ttl ? hit.value : undefined;
				  }
				  set(key: K, value: V): void { this.items.set(key, { value, at: Date.now() }); }
				}
				return new Cache<string, number>(1000);
				"""), Named.of("a label and a switch", """
				outer: for (const row of rows) {
				  switch (row.kind) {
				    case 'a': continue outer;
				    case 'b': break outer;
				    default: if (row.n < 0) break;
				  }
				}
				"""));
	}

	/**
	 * The largest size of a family that the guard accepts: doubling, then halving the
	 * step.
	 */
	static int largestAccepted(IntFunction<String> family) {
		int accepted = 1;
		if (!accepted(family.apply(accepted))) {
			throw new IllegalArgumentException("the guard refuses the smallest instance");
		}
		int step = 1;
		while (accepted(family.apply(accepted + step))) {
			accepted += step;
			step *= 2;
		}
		for (; step > 0; step /= 2) {
			if (accepted(family.apply(accepted + step))) {
				accepted += step;
			}
		}
		return accepted;
	}

	private static boolean accepted(String code) {
		try {
			new ParseGuard(ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, ParseGuard.DEFAULT_BUDGET).check(code, 0);
			return code.length() <= ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH;
		}
		catch (ProgramException ex) {
			return false;
		}
	}

}
