package dev.codemode.demo.tools;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The seed's {@code getWeather}. There is no weather service behind it (the demo must run
 * offline): the weather is made up from a hash of the location's name, so the same
 * location always gets the same weather, and the tool's description tells the model so.
 */
@Component
public class WeatherTools {

	private static final List<String> CONDITIONS = List.of("sunny", "partly cloudy", "cloudy", "light rain",
			"heavy rain", "fog", "windy");

	// Made up, but not absurd: snow only below freezing.
	private static final List<String> FREEZING_CONDITIONS = List.of("sunny", "cloudy", "snow", "fog");

	@Tool(description = "Get the current weather for a location. Demo data: the weather is made up from a hash of "
			+ "the location's name (the same location always gets the same weather); it is not a real forecast.")
	public Weather getWeather(@ToolParam(description = "A city or place name, e.g. \"Oslo\"") String location) {
		String name = location.strip();
		if (name.isEmpty()) {
			throw new IllegalArgumentException("location must not be empty");
		}
		// Seeded by the normalized name, so that "oslo" and "Oslo " agree.
		SplittableRandom random = new SplittableRandom(name.toLowerCase(Locale.ROOT).hashCode());
		int temperature = random.nextInt(-10, 36);
		List<String> conditions = (temperature <= 0) ? FREEZING_CONDITIONS : CONDITIONS;
		return new Weather(name, temperature, conditions.get(random.nextInt(conditions.size())),
				random.nextInt(20, 101), random.nextInt(0, 61));
	}

}
