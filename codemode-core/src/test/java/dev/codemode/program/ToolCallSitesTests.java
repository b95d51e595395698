package dev.codemode.program;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which call sites {@link ToolCallSites} points at the namespace's alias, and that the
 * text keeps its length.
 */
class ToolCallSitesTests {

	/**
	 * The platform's parser: SWC, or the pure-JVM path where SWC's native library is not
	 * on the class path.
	 */
	private static final ProgramParser PARSER = Transpilers.parser(Transpiler.AUTO);

	private static final Map<String, String> ALIASES = ToolCallSites.aliases(List.of("codemode", "github"));

	@AfterAll
	static void close() {
		PARSER.close();
	}

	private static String rewrite(String code) throws ProgramException {
		SyntaxNode program = PARSER.parse(code, 0, new SyntaxDepth(ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, 0),
				TimeUnit.SECONDS.toNanos(10));
		String rewritten = ToolCallSites.rewrite(code, program, ALIASES);
		assertThat(rewritten).hasSameSizeAs(code);
		assertThat(rewritten.lines()).hasSameSizeAs(code.lines().toList());
		return rewritten;
	}

	@Test
	void aliasesKeepTheLengthAndDiffer() {
		Map<String, String> aliases = ToolCallSites.aliases(List.of("codemode", "$odemode", "ab", "cb", "x"));
		assertThat(aliases).containsEntry("codemode", "$$demode")
			.containsEntry("ab", "$b")
			.containsEntry("cb", "$$")
			.containsEntry("x", "$");
		aliases.forEach((namespace, alias) -> assertThat(alias).hasSameSizeAs(namespace).contains("$"));
		assertThat(aliases.values()).doesNotHaveDuplicates().doesNotContainAnyElementsOf(aliases.keySet());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					await codemode.x(1)                                 | await $odemode.x(1)
					codemode['x']()                                     | $odemode['x']()
					(codemode as any).addTodos({})                      | ($odemode as any).addTodos({})
					(codemode!).x(); github.y()                         | ($odemode!).x(); $ithub.y()
					const s = 'é🙂'; codemode.x()                        | const s = 'é🙂'; $odemode.x()
					typeof codemode.x; 'x' in codemode; codemode?.x()   | typeof codemode.x; 'x' in codemode; codemode?.x()
					codemode.x?.(); new codemode.x(); codemode.x.call() | codemode.x?.(); new codemode.x(); codemode.x.call()
					codemode.x = 1; Object.keys(codemode)               | codemode.x = 1; Object.keys(codemode)
					const codemode = {}; codemode.x()                   | const codemode = {}; codemode.x()
					const f = (codemode) => codemode.x(); codemode.y()  | const f = (codemode) => codemode.x(); $odemode.y()
					function g() { var codemode; codemode.x() } codemode.y() | function g() { var codemode; codemode.x() } $odemode.y()
					try {} catch (codemode) { codemode.x() }            | try {} catch (codemode) { codemode.x() }
					const { codemode: c } = o; codemode.x()              | const { codemode: c } = o; $odemode.x()
					const { codemode } = o; codemode.x()                 | const { codemode } = o; codemode.x()
					class codemode {}; codemode.x()                     | class codemode {}; codemode.x()
					const $odemode = 1; codemode.x()                    | const $odemode = 1; codemode.x()
					eval('1'); codemode.x()                             | eval('1'); codemode.x()
					declare const codemode: any; codemode.x()           | declare const codemode: any; $odemode.x()
					type F = (codemode: string) => void; codemode.x()   | type F = (codemode: string) => void; $odemode.x()
					const f = (a: { codemode: 1 }) => codemode.x()      | const f = (a: { codemode: 1 }) => $odemode.x()
					""")
	void callSitesOfUnshadowedNamespacesUseTheAlias(String code, String expected) throws ProgramException {
		assertThat(rewrite(code)).isEqualTo(expected);
	}

	@Test
	void withLeavesEveryCallAlone() throws ProgramException {
		String code = "with (o) { codemode.x() }\ncodemode.y()";
		assertThat(rewrite(code)).isEqualTo(code);
	}

	@Test
	void linesAndColumnsStayWhereTheyWere() throws ProgramException {
		String code = "const a = 1;\n  await codemode.x({\n    a });\n";
		assertThat(rewrite(code)).isEqualTo("const a = 1;\n  await $odemode.x({\n    a });\n");
	}

}
