package dev.codemode.autoconfigure;

import dev.codemode.boot.CodeModeWarmUp;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerOptions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The executor of the programs, by {@code codemode.executor.isolation}: GraalJS in the
 * application's JVM, or the same GraalJS executor in worker JVMs. Both run with the same
 * options, from the {@code codemode.*} properties and the
 * {@link CodeModeExecutorCustomizer} beans. Imported by
 * {@link CodeModeAutoConfiguration}.
 */
final class CodeModeExecutorConfigurations {

	private static final String WARM_UP = CodeModeProperties.PREFIX + ".warm-up";

	private CodeModeExecutorConfigurations() {
	}

	/**
	 * @param maxHeapBytes the heap of the JVM the programs run in, for the default
	 * allocation budget
	 */
	static GraalJsExecutorOptions executorOptions(CodeModeProperties properties, Environment environment,
			ObjectProvider<CodeModeExecutorCustomizer> customizers, long maxHeapBytes) {
		GraalJsExecutorOptions.Builder options = GraalJsExecutorOptions.builder();
		options.maxAllocatedBytes(GraalJsExecutorOptions.defaultMaxAllocatedBytes(maxHeapBytes));
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getTimeout).to(options::timeout);
		map.from(properties::getMaxCpuTime).to(options::maxCpuTime);
		map.from(properties::getMaxStatements).to(options::maxStatements);
		map.from(properties::getMaxAllocatedBytes).as(DataSize::toBytes).to(options::maxAllocatedBytes);
		map.from(properties::getMaxCodeLength).to(options::maxCodeLength);
		map.from(properties::getMaxNestingDepth).to(options::maxNestingDepth);
		map.from(properties::getMaxToolCalls).to(options::maxToolCalls);
		map.from(properties::getMaxToolCallsInFlight).to(options::maxToolCallsInFlight);
		map.from(properties::getMaxConsoleChars).to(options::maxConsoleChars);
		map.from(properties::getMaxResultChars).to(options::maxResultChars);
		map.from(properties::getMaxConcurrentExecutions).to(options::maxConcurrentExecutions);
		map.from(properties::getMaxRetiredThreads).to(options::maxRetiredThreads);
		map.from(properties::isAllowEval).to(options::allowEval);
		map.from(properties::getEnv).to(options::env);
		map.from(properties.getExecutor()::getTranspiler).to(options::transpiler);
		map.from(properties.getExecutor()::getProgramCacheSize).to(options::programCacheSize);
		// Tool calls run on the executor's own threads, sized so that each execution's
		// calls in flight run at once (Boot's applicationTaskExecutor has 8 threads on
		// platform threads); virtual ones when the application uses virtual threads. A
		// customizer can set another toolExecutor.
		options.virtualToolThreads(Threading.VIRTUAL.isActive(environment));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		return options.build();
	}

	static WorkerOptions workerOptions(CodeModeProperties.Worker worker) {
		WorkerOptions.Builder options = WorkerOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(worker::getCount).to(options::count);
		map.from(worker::getMaxHeap).as(DataSize::toBytes).to(options::maxHeapBytes);
		map.from(worker::getJvmArgs).to(options::jvmArgs);
		map.from(worker::getMaxWaiting).to(options::maxWaiting);
		map.from(worker::getGrace).to(options::grace);
		map.from(worker::getStartTimeout).to(options::startTimeout);
		return options.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(CodeExecutor.class)
	@Conditional(IsolationCondition.InProcess.class)
	static class InProcess {

		@Bean(destroyMethod = "close")
		GraalJsCodeExecutor codeModeExecutor(CodeModeProperties properties, Environment environment,
				ObjectProvider<CodeModeExecutorCustomizer> customizers) {
			return new GraalJsCodeExecutor(
					executorOptions(properties, environment, customizers, Runtime.getRuntime().maxMemory()));
		}

		@Bean
		@ConditionalOnBooleanProperty(name = WARM_UP, matchIfMissing = true)
		CodeModeWarmUp codeModeWarmUp(GraalJsCodeExecutor codeModeExecutor, CodeModeProperties properties) {
			return CodeModeWarmUp.of(codeModeExecutor, properties.isWarmUpBeforeReadiness());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(CodeExecutor.class)
	@Conditional(IsolationCondition.Process.class)
	static class Process {

		@Bean(destroyMethod = "close")
		ProcessCodeExecutor codeModeExecutor(CodeModeProperties properties, Environment environment,
				ObjectProvider<CodeModeExecutorCustomizer> customizers) {
			WorkerOptions workers = workerOptions(properties.getExecutor().getWorker());
			// The budget's default follows the workers' heap, where the programs run.
			return new ProcessCodeExecutor(
					executorOptions(properties, environment, customizers, workers.maxHeapBytes()), workers);
		}

		@Bean
		@ConditionalOnBooleanProperty(name = WARM_UP, matchIfMissing = true)
		CodeModeWarmUp codeModeWarmUp(ProcessCodeExecutor codeModeExecutor, CodeModeProperties properties) {
			return CodeModeWarmUp.of(codeModeExecutor, properties.isWarmUpBeforeReadiness());
		}

	}

}
