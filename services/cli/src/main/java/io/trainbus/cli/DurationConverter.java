package io.trainbus.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration written as {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1H30M}). */
public class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /**
     * Parses a duration.
     *
     * @param text for example {@code 30m}
     * @return the positive duration
     * @throws TypeConversionException when the text is neither form or the duration is not positive
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("Invalid duration '" + text
                        + "': write a number with s, m, h or d (for example 90s or 30m) or ISO-8601 such as PT1H");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("Invalid duration '" + text + "': it must be greater than zero");
        }
        return duration;
    }

    /**
     * Formats a duration the way {@link #parse} reads it, in the largest unit that divides it.
     *
     * @param duration a positive duration
     * @return for example {@code 30m}
     */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
