package dev.codemode.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.codemode.demo.approval.DemoApprovalHandler;
import dev.codemode.demo.tools.WeatherTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser: Debian's headless Chromium and chromedriver, driven by
 * Selenium. It opens the page, sees the declarations, types a program that calls two
 * tools, runs it and sees the result and the tool calls. It leaves a screenshot of the
 * first example's run in {@code target/playground.png} (the README's picture,
 * {@code docs/playground.png}, is a copy of one).
 * <p>
 * Skipped (not failed) only where Chromium or chromedriver is not installed (see
 * {@link HeadlessChromium}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlaygroundBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "playground.png");

	private static ChromeDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private WeatherTools weatherTools;

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void startBrowser(@TempDir Path profile) {
		browser = HeadlessChromium.start(profile);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void showsTheDeclarationsAndRunsATypedProgramThatCallsTwoTools() throws IOException {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		// What the model sees: the generated TypeScript API, highlighted.
		WebElement declarations = wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#description pre.declarations")));
		assertThat(declarations.getText()).contains("declare const codemode: {")
			.contains("getWeather")
			.contains("sendEmail");
		assertThat(declarations.findElements(By.cssSelector("span.cm-keyword"))).as("highlighted").isNotEmpty();
		assertThat(browser.findElement(By.id("mode")).getText()).contains("playground");
		assertThat(browser.findElement(By.id("chat")).isDisplayed()).as("no chat without a model").isFalse();

		// Type a program into the editor, replacing the example, and run it with the
		// keyboard.
		browser.findElement(By.cssSelector("#playground .CodeMirror")).click();
		WebElement input = browser.findElement(By.cssSelector("#playground .CodeMirror textarea"));
		input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		input.sendKeys("async () => { const [w, c] = await Promise.all([codemode.getWeather({ location: \"Lisbon\" }), "
				+ "codemode.getCustomer({ id: 4 })]); console.log(\"found\", c.name); "
				+ "return { customer: c.name, city: c.city, weather: w.conditions }; }");
		input.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

		List<WebElement> rows = wait
			.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#output table.tool-calls tbody tr"), 2));
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector("td.tool-name")).getText())
			.containsExactlyInAnyOrder("codemode.getWeather", "codemode.getCustomer");
		WebElement getWeather = rows.stream()
			.filter((row) -> row.getText().contains("codemode.getWeather"))
			.findFirst()
			.orElseThrow();
		assertThat(getWeather.getText()).contains("\"location\": \"Lisbon\"").contains("temperatureCelsius");

		String result = browser.findElement(By.cssSelector("#output pre.result")).getText();
		assertThat(result).contains("\"customer\": \"Maria Santos\"")
			.contains("\"city\": \"Lisbon\"")
			.contains("\"weather\": \"" + this.weatherTools.getWeather("Lisbon").conditions() + "\"");
		assertThat(browser.findElement(By.cssSelector("#output pre.logs")).getText()).isEqualTo("found Maria Santos");
		assertThat(browser.findElement(By.cssSelector("#output .error-block")).isDisplayed()).isFalse();
		assertThat(browser.findElement(By.id("run-status")).getText()).startsWith("ran in")
			.endsWith("with 2 tool call(s)");

		// Nothing failed to load and no script failed.
		assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::toString)
			.noneMatch((entry) -> entry.contains("SEVERE"));
	}

	@Test
	void runsTheFirstExampleAndLeavesAScreenshot() throws IOException {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#description pre.declarations")));

		// The editor starts with the first example: three reads together, then the
		// weather of three cities together.
		browser.findElement(By.id("run")).click();

		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#output table.tool-calls tbody tr"), 6));
		List<String> topCustomers = this.jdbc.sql("""
				SELECT c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status <> 'CANCELLED'
				GROUP BY c.id, c.name ORDER BY SUM(o.amount) DESC LIMIT 3""").query(String.class).list();
		String result = browser.findElement(By.cssSelector("#output pre.result")).getText();
		assertThat(result).contains(topCustomers.get(0)).contains(topCustomers.get(1)).contains(topCustomers.get(2));
		assertThat(result.indexOf(topCustomers.get(0))).isLessThan(result.indexOf(topCustomers.get(1)));
		assertThat(browser.findElements(By.cssSelector("#output td.tool-name"))).extracting(WebElement::getText)
			.filteredOn("codemode.getWeather"::equals)
			.hasSize(3);

		// The whole page, tool calls included: Chrome's screenshots show the window only.
		long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
		browser.manage().window().setSize(new Dimension(1440, (int) Math.min(height + 100, 2400)));
		try {
			File screenshot = browser.getScreenshotAs(OutputType.FILE);
			Files.createDirectories(SCREENSHOT.getParent());
			Files.copy(screenshot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			browser.manage().window().setSize(HeadlessChromium.WINDOW);
		}
	}

	@Test
	void everyExampleRunsAndOnlyTheBrokenOneFails() {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#description pre.declarations")));
		Select examples = new Select(browser.findElement(By.id("examples")));
		List<String> titles = examples.getOptions().stream().map(WebElement::getText).toList();
		assertThat(titles).hasSizeGreaterThanOrEqualTo(5);

		for (String title : titles) {
			examples.selectByVisibleText(title);
			browser.findElement(By.id("run")).click();
			WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-status")));
			wait.until((driver) -> status.getText().startsWith("ran") || status.getText().startsWith("failed"));
			if (title.startsWith("Email")) {
				// Its emails wait for approval; approved, the same program runs again and
				// sends them.
				assertThat(browser.findElements(By.cssSelector("#approval li.refused-call"))).isNotEmpty();
				browser.findElement(By.cssSelector("#approval button.approve")).click();
				wait.until((driver) -> status.getText().startsWith("ran in"));
				assertThat(browser.findElements(By.cssSelector("#approval .approval"))).isEmpty();
			}
			boolean failed = browser.findElement(By.cssSelector("#output .error-block")).isDisplayed();
			assertThat(failed).as("%s failed: %s", title, status.getText()).isEqualTo(title.contains("syntax error"));
			// The next run must not see this one's status.
			browser.executeScript("document.getElementById('run-status').textContent = ''");
		}
	}

	@Test
	void anEmailWaitsForTheUsersApprovalAndIsSentOnceApproved() {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#description pre.declarations")));
		String subject = "Approved in the page " + UUID.randomUUID();
		browser.executeScript("document.querySelector('#playground .CodeMirror').CodeMirror.setValue(arguments[0])", """
				async () => {
				  const email = await codemode.sendEmail({ to: "ada@example.com", subject: "%s",
				    body: "Your order ships tomorrow." });
				  return { sentTo: email.to, subject: email.subject };
				}""".formatted(subject));
		WebElement status = browser.findElement(By.id("run-status"));

		// The first run sends nothing: the page lists the email and asks.
		browser.findElement(By.id("run")).click();
		WebElement call = wait.until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#approval .approval li.refused-call")));
		assertThat(call.getText()).contains("codemode.sendEmail to ada@example.com: " + subject)
			.contains("Your order ships tomorrow.")
			.contains(DemoApprovalHandler.WAITING);
		assertThat(browser.findElement(By.cssSelector("#output pre.error")).getText())
			.contains("needs approval and did not run");
		assertThat(status.getText()).endsWith("1 waiting for approval");
		assertThat(outbox(subject)).isEmpty();

		// Dismissed, nothing happens; run again and approve, and the email goes out.
		browser.findElement(By.cssSelector("#approval button.dismiss")).click();
		assertThat(browser.findElements(By.cssSelector("#approval .approval"))).isEmpty();
		assertThat(outbox(subject)).isEmpty();
		browser.findElement(By.id("run")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#approval button.approve"))).click();

		wait.until((driver) -> status.getText().startsWith("ran in"));
		assertThat(browser.findElement(By.cssSelector("#output pre.result")).getText())
			.contains("\"sentTo\": \"ada@example.com\"")
			.contains(subject);
		assertThat(browser.findElements(By.cssSelector("#output td.tool-name"))).extracting(WebElement::getText)
			.containsExactly("codemode.sendEmail");
		assertThat(browser.findElements(By.cssSelector("#approval .approval"))).isEmpty();
		assertThat(outbox(subject)).containsExactly("ada@example.com");
	}

	private List<String> outbox(String subject) {
		return this.jdbc.sql("SELECT recipient FROM outbox WHERE subject = :subject")
			.param("subject", subject)
			.query(String.class)
			.list();
	}

	@Test
	void showsTheErrorOfABrokenProgram() {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#description pre.declarations")));

		// The examples include one with a syntax error; choose it and run it with the
		// button.
		new Select(browser.findElement(By.id("examples"))).selectByVisibleText("A syntax error (line and column)");
		browser.findElement(By.id("run")).click();

		WebElement error = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#output pre.error")));
		assertThat(error.getText()).contains("SyntaxError").contains("line 3");
		assertThat(browser.findElement(By.id("run-status")).getText()).startsWith("failed");
		assertThat(browser.findElements(By.cssSelector("#output table.tool-calls tbody tr"))).isEmpty();
	}

}
