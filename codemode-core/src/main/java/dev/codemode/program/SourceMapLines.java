package dev.codemode.program;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the line part of a version 3 source map: for each generated line, the original
 * line of its first mapped segment. Columns are not needed to point a model at its own
 * line.
 */
final class SourceMapLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private SourceMapLines() {
	}

	/**
	 * @param sourceMap the source map JSON
	 * @return for each 0-based generated line, the 1-based original line, or 0 where the
	 * line maps nowhere
	 */
	static int[] originalLines(String sourceMap) {
		JsonNode map = JSON.readTree(sourceMap);
		String mappings = map.path("mappings").asString("");
		String[] generatedLines = mappings.split(";", -1);
		int[] result = new int[generatedLines.length];
		int originalLine = 0;
		int[] fields = new int[5];
		for (int line = 0; line < generatedLines.length; line++) {
			boolean first = true;
			for (String segment : generatedLines[line].split(",")) {
				if (segment.isEmpty()) {
					continue;
				}
				int count = decode(segment, fields);
				if (count >= 4) {
					// Field 2 is the original line, as a delta that carries across
					// segments and lines.
					originalLine += fields[2];
					if (first) {
						result[line] = originalLine + 1;
						first = false;
					}
				}
			}
		}
		return result;
	}

	/**
	 * Decodes the base64 VLQ fields of one segment into {@code fields}; returns how many
	 * there were.
	 */
	private static int decode(String segment, int[] fields) {
		int count = 0;
		int value = 0;
		int shift = 0;
		for (int i = 0; i < segment.length() && count < fields.length; i++) {
			int digit = BASE64.indexOf(segment.charAt(i));
			if (digit < 0) {
				throw new IllegalArgumentException("Not a base64 VLQ digit: " + segment.charAt(i));
			}
			value += (digit & 31) << shift;
			if ((digit & 32) != 0) {
				shift += 5;
				continue;
			}
			fields[count++] = ((value & 1) != 0) ? -(value >>> 1) : (value >>> 1);
			value = 0;
			shift = 0;
		}
		return count;
	}

}
