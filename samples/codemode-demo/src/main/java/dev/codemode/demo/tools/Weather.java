package dev.codemode.demo.tools;

/**
 * The (made-up) weather at a location.
 *
 * @param location the location, as asked
 * @param temperatureCelsius the temperature
 * @param conditions e.g. "sunny" or "light rain"
 * @param humidityPercent relative humidity
 * @param windKph wind speed
 */
public record Weather(String location, int temperatureCelsius, String conditions, int humidityPercent, int windKph) {
}
