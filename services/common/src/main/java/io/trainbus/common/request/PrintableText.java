package io.trainbus.common.request;

/**
 * Renders untrusted text for error messages and logs. Each control character becomes a Java-style escape (a
 * backslash, {@code u} and four hex digits), so a value cannot forge log lines or hide characters from the reader.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /**
     * Escapes control characters.
     *
     * @param text any text, possibly null
     * @return the text with each ISO control character replaced by its escape
     */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
