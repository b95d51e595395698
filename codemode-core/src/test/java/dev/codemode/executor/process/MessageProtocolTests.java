package dev.codemode.executor.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageProtocolTests {

	private static final WorkerExecutorOptions OPTIONS = WorkerExecutorOptions
		.of(GraalJsExecutorOptions.builder().env(Map.of("REGION", "eu")).build());

	@Test
	void everyMessageKindSurvivesARoundTrip() throws IOException {
		List<Message> messages = List.of(new Message.Hello(OPTIONS), new Message.Ready("native (SWC)", 42),
				new Message.Execute(1, "async () => 1", Map.of("codemode", List.of("a", "b"), "mcp", List.of())),
				new Message.ToolCall(1, 7, "codemode", "getWeather", "{\"city\":\"Oslo\"}"),
				Message.ToolResult.success(7, "{\"temp\":3}"), Message.ToolResult.failure(8, "no such city"),
				new Message.Cancel(9), new Message.Result(1, "[1,2]", List.of("a", "[warn] b"), null, 2, false),
				new Message.Result(2, null, List.of(),
						Message.Failure.of(new ExecutionError("SyntaxError", "Unexpected token", 2, 11)), 0, true));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		MessageWriter writer = new MessageWriter(bytes, 1 << 16);
		for (Message message : messages) {
			writer.write(message);
		}
		MessageReader reader = new MessageReader(new ByteArrayInputStream(bytes.toByteArray()), 1 << 16);
		for (Message message : messages) {
			assertThat(reader.read()).isEqualTo(message);
		}
		assertThat(reader.read()).isNull();
	}

	@Test
	void aFailureBecomesTheSameExecutionErrorAgain() {
		ExecutionError error = new ExecutionError("SyntaxError", "Unexpected token", 3, 5);
		assertThat(Message.Failure.of(error).toError()).isEqualTo(error);
	}

	@Test
	void newlinesAndControlCharactersInPayloadsStayOnOneLine() throws IOException {
		String nasty = "line 1\nline 2\r\n\u0000\u2028\"}\n{\"type\":\"cancel\",\"callId\":1}";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new MessageWriter(bytes, 1 << 16).write(Message.ToolResult.success(3, nasty));
		String written = bytes.toString(StandardCharsets.UTF_8);
		assertThat(written.indexOf('\n')).isEqualTo(written.length() - 1);
		MessageReader reader = new MessageReader(new ByteArrayInputStream(bytes.toByteArray()), 1 << 16);
		assertThat(reader.read()).isEqualTo(Message.ToolResult.success(3, nasty));
	}

	@Test
	void aLineWithoutEndIsRefusedAfterTheBoundWithoutBufferingMore() {
		// An endless stream of bytes with no newline: only the bound is ever read.
		CountingEndlessStream endless = new CountingEndlessStream();
		MessageReader reader = new MessageReader(endless, 100_000);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::read)
			.withMessageContaining("longer than 100000 bytes");
		assertThat(endless.served).isLessThan(100_000 + 8192 + 1);
	}

	@Test
	void aLineThatIsNotAMessageIsAProtocolErrorThatDoesNotEchoIt() {
		byte[] line = "{\"type\":\"launchMissiles\",\"secret\":\"sk-123\"}\n".getBytes(StandardCharsets.UTF_8);
		MessageReader reader = new MessageReader(new ByteArrayInputStream(line), 1 << 16);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(reader::read)
			.withMessageContaining("is not a message")
			.withMessageNotContaining("sk-123");
	}

	@Test
	void theWriterRefusesAMessageLongerThanItsBoundAndWritesNothing() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		MessageWriter writer = new MessageWriter(bytes, 1000);
		assertThatExceptionOfType(LineReader.LineTooLongException.class)
			.isThrownBy(() -> writer.write(Message.ToolResult.success(1, "x".repeat(1000))));
		assertThat(bytes.size()).isZero();
	}

	@Test
	void stderrLinesAreCutToTheBoundAndTheRestOfTheLineIsSkipped() throws IOException {
		byte[] text = ("a".repeat(50) + "\nshort\n").getBytes(StandardCharsets.UTF_8);
		LineReader lines = new LineReader(new ByteArrayInputStream(text), 10);
		assertThat(new String(lines.readLineCut(), StandardCharsets.UTF_8)).isEqualTo("a".repeat(10));
		assertThat(new String(lines.readLineCut(), StandardCharsets.UTF_8)).isEqualTo("short");
		assertThat(lines.readLineCut()).isNull();
	}

	@Test
	void theBoundsFollowTheLargestPayloadEachSideMaySend() {
		// Six bytes per character of the largest payload, plus a MiB for the rest.
		assertThat(Protocol.maxWorkerLineBytes(OPTIONS)).isEqualTo(6 * Protocol.MAX_TOOL_INPUT_CHARS + (1 << 20));
		assertThat(Protocol.maxApplicationLineBytes(OPTIONS)).isEqualTo(6 * Protocol.MAX_TOOL_OUTPUT_CHARS + (1 << 20));
		WorkerExecutorOptions bigResults = WorkerExecutorOptions
			.of(GraalJsExecutorOptions.builder().maxResultChars(2_000_000).maxConsoleChars(500_000).build());
		assertThat(Protocol.maxWorkerLineBytes(bigResults)).isEqualTo(6 * 2_500_000 + (1 << 20));
	}

	@Test
	void optionsCrossTheBoundaryUnchanged() {
		GraalJsExecutorOptions options = GraalJsExecutorOptions.builder()
			.maxToolCalls(7)
			.allowEval(true)
			.env(Map.of("A", "b"))
			.programCacheSize(17)
			.build();
		GraalJsExecutorOptions inWorker = WorkerExecutorOptions.of(options).toExecutorOptions();
		assertThat(inWorker.maxToolCalls()).isEqualTo(7);
		assertThat(inWorker.allowEval()).isTrue();
		assertThat(inWorker.env()).containsExactly(Map.entry("A", "b"));
		assertThat(inWorker.timeout()).isEqualTo(options.timeout());
		assertThat(inWorker.maxConcurrentExecutions()).isOne();
		assertThat(inWorker.programCacheSize()).isEqualTo(17);
	}

	private static final class CountingEndlessStream extends InputStream {

		private long served;

		@Override
		public int read() {
			this.served++;
			return 'a';
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'a');
			this.served += length;
			return length;
		}

	}

}
