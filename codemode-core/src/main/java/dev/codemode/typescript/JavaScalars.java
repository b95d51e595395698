package dev.codemode.typescript;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Java types that Jackson 3, as Spring AI configures it, writes as a single JSON value,
 * with the TypeScript type of that value and the format a model should expect of a
 * string.
 * <p>
 * Jackson 3 writes dates and durations as ISO-8601 strings by default
 * ({@code WRITE_DATES_AS_TIMESTAMPS} is off), {@code Year} as a number, {@code byte[]} as
 * a base64 string, {@code char[]} as a string, a {@code Path} as a {@code file:} URI and
 * {@code java.sql.Date} as a bare date. The formats are those of JSON Schema where one
 * fits ({@code date-time}, {@code date}, {@code time}, {@code duration}, {@code uuid},
 * {@code uri}) and otherwise say what the string holds (a {@code LocalDateTime} has no
 * offset, so it is a {@code local-date-time}, not a {@code date-time}).
 */
final class JavaScalars {

	/** The TypeScript type of a scalar, and the format of its string, or {@code null}. */
	record Scalar(TsType type, @Nullable String format) {
	}

	private static final Map<Class<?>, Scalar> EXACT = new LinkedHashMap<>();

	private static final Map<Class<?>, Scalar> ASSIGNABLE = new LinkedHashMap<>();

	static {
		Scalar number = new Scalar(TsType.NUMBER, null);
		Scalar string = new Scalar(TsType.STRING, null);
		Scalar bool = new Scalar(TsType.BOOLEAN, null);
		for (Class<?> type : new Class<?>[] { byte.class, short.class, int.class, long.class, float.class, double.class,
				Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class,
				BigInteger.class, Year.class }) {
			EXACT.put(type, number);
		}
		EXACT.put(boolean.class, bool);
		EXACT.put(Boolean.class, bool);
		EXACT.put(AtomicBoolean.class, bool);
		EXACT.put(char.class, string);
		EXACT.put(Character.class, string);
		EXACT.put(String.class, string);
		EXACT.put(byte[].class, new Scalar(TsType.STRING, "base64"));
		EXACT.put(char[].class, string);
		EXACT.put(OptionalInt.class, new Scalar(TsType.nullable(TsType.NUMBER), null));
		EXACT.put(OptionalLong.class, new Scalar(TsType.nullable(TsType.NUMBER), null));
		EXACT.put(OptionalDouble.class, new Scalar(TsType.nullable(TsType.NUMBER), null));
		EXACT.put(UUID.class, new Scalar(TsType.STRING, "uuid"));
		EXACT.put(URI.class, new Scalar(TsType.STRING, "uri"));
		EXACT.put(URL.class, new Scalar(TsType.STRING, "uri"));
		EXACT.put(Locale.class, string);
		EXACT.put(Currency.class, string);
		EXACT.put(Pattern.class, new Scalar(TsType.STRING, "regex"));
		EXACT.put(File.class, string);
		EXACT.put(Class.class, string);
		EXACT.put(Instant.class, new Scalar(TsType.STRING, "date-time"));
		EXACT.put(OffsetDateTime.class, new Scalar(TsType.STRING, "date-time"));
		EXACT.put(ZonedDateTime.class, new Scalar(TsType.STRING, "date-time"));
		EXACT.put(LocalDateTime.class, new Scalar(TsType.STRING, "local-date-time"));
		EXACT.put(LocalDate.class, new Scalar(TsType.STRING, "date"));
		EXACT.put(OffsetTime.class, new Scalar(TsType.STRING, "time"));
		EXACT.put(LocalTime.class, new Scalar(TsType.STRING, "local-time"));
		EXACT.put(Duration.class, new Scalar(TsType.STRING, "duration"));
		EXACT.put(Period.class, new Scalar(TsType.STRING, "duration"));
		EXACT.put(YearMonth.class, new Scalar(TsType.STRING, "year-month"));
		EXACT.put(MonthDay.class, new Scalar(TsType.STRING, "month-day"));
		// Subclasses: String-likes, numbers (AtomicInteger, LongAdder), java.util dates,
		// zone ids and offsets,
		// java.sql dates (a Date), platform paths, charsets and addresses.
		ASSIGNABLE.put(CharSequence.class, string);
		ASSIGNABLE.put(Number.class, number);
		ASSIGNABLE.put(Date.class, new Scalar(TsType.STRING, "date-time"));
		ASSIGNABLE.put(Calendar.class, new Scalar(TsType.STRING, "date-time"));
		ASSIGNABLE.put(ZoneId.class, new Scalar(TsType.STRING, "time-zone"));
		ASSIGNABLE.put(TimeZone.class, new Scalar(TsType.STRING, "time-zone"));
		ASSIGNABLE.put(Path.class, new Scalar(TsType.STRING, "uri"));
		ASSIGNABLE.put(Charset.class, string);
		ASSIGNABLE.put(InetAddress.class, string);
	}

	private JavaScalars() {
	}

	/**
	 * The scalar that a class is written as.
	 * @param type the class
	 * @return the scalar, or {@code null} when the class is not one
	 */
	static @Nullable Scalar of(Class<?> type) {
		Scalar scalar = EXACT.get(type);
		if (scalar != null) {
			return scalar;
		}
		// By name: java.sql is a module of its own that this library does not need.
		if (type.getName().equals("java.sql.Date")) {
			return new Scalar(TsType.STRING, "date");
		}
		if (type.getName().equals("java.sql.Time")) {
			return new Scalar(TsType.STRING, "local-time");
		}
		for (Map.Entry<Class<?>, Scalar> entry : ASSIGNABLE.entrySet()) {
			if (entry.getKey().isAssignableFrom(type)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
