package dev.codemode.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install chromium chromium-driver}),
 * headless, for the browser tests. Selenium is pointed at both, so that Selenium Manager
 * never tries to download a browser or a driver.
 */
final class HeadlessChromium {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Dimension WINDOW = new Dimension(1440, 1000);

	private HeadlessChromium() {
	}

	/**
	 * Starts a browser, or skips the calling test class (JUnit assumption) where Chromium
	 * is not installed.
	 * @param profile an empty directory for the browser's profile
	 * @return the browser, which the caller quits
	 */
	static ChromeDriver start(Path profile) {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "No browser test: it needs "
				+ CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)");
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile.toAbsolutePath());
		// The page's console, so that tests can check that nothing failed to load.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(WINDOW);
		return browser;
	}

}
