package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

class GraalJsCodeExecutorTest {

    private static GraalJsCodeExecutor executor;

    private static final List<ToolNamespace> TOOLS = List.of(ToolNamespace.of(tools()));

    @BeforeAll
    static void start() {
        executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(3)).build());
    }

    @AfterAll
    static void stop() {
        executor.close();
    }

    private static Map<String, ToolFunction> tools() {
        Map<String, ToolFunction> tools = new LinkedHashMap<>();
        tools.put("echo", (input) -> input);
        tools.put("getWeather", (input) -> "Weather in Oslo: 72F, sunny");
        tools.put("fail", (input) -> {
            throw new IllegalStateException("tool failed: quota exceeded");
        });
        return tools;
    }

    private ExecutionResult run(String code) {
        return executor.execute(code, TOOLS);
    }

    @Test
    void returnsTheValueOfAnAsyncArrow() {
        ExecutionResult result = run("async () => { const w = await codemode.getWeather({location: 'Oslo'}); "
                + "const e = await codemode.echo({a: 1}); console.log('hi', {b: 2}); return {w, e}; }");
        System.out.println(result);
        assertThat(result.error()).isNull();
        assertThat(result.resultJson()).isEqualTo("{\"w\":\"Weather in Oslo: 72F, sunny\",\"e\":{\"a\":1}}");
        assertThat(result.logs()).containsExactly("hi {\"b\":2}");
        assertThat(result.toolCalls()).isEqualTo(2);
    }

    @Test
    void misc() {
        for (String code : List.of("1 + 2", "const x: number = 1; x", "throw 'x'", "null.x", "\n\nstate.glob('x')",
                "codemode.nope({})", "const = oops {{{", "await codemode.fail({})", "codemode.fail({}); 1",
                "while(true){}", "await new Promise(() => {})", "import fs from 'fs'", "return 10n**30n",
                "return Symbol('x')", "require('fs')", "typeof Java + typeof print + typeof load + typeof Graal",
                "eval('1')", "(function r(){ return r()+1 })()", "for(let i=0;i<1e6;i++) console.log('spam '+i)",
                "const a=[]; for(;;) a.push(new Array(1e6).fill(1))", "'x'.repeat(2**30)", "export default 42",
                "```js\nconst a = 6;\na * 7\n```", "async function run() { return 5 }",
                "let o={}; for(let i=0;i<1e5;i++) o={o}; o", "const x: string = 1;\nundefinedThing.call()")) {
            long t = System.nanoTime();
            ExecutionResult r = run(code);
            System.out.println(code.replace('\n', ' ') + " => " + r.resultJson() + " | "
                    + (r.error() != null ? r.error().describe() : null) + " | logs " + r.logs().size()
                    + (r.logs().isEmpty() ? "" : " last=" + r.logs().get(r.logs().size() - 1)) + " | "
                    + (System.nanoTime() - t) / 1_000_000 + " ms");
        }
        assertThat(run("1 + 1").resultJson()).isEqualTo("2");
    }

}
