package io.chainplay.api.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FarePlay's sign-in message: {@code "Sign in to FarePlay Casino\n\nWallet: <base58>\nTimestamp:
 * <ms>"}, as its clients build it ({@code createSignInMessage()}).
 *
 * <p>Matched whole: nothing may precede, follow or sit between the lines, so the signed bytes are
 * exactly the ones a FarePlay client produces.
 */
public record FarePlayMessage(String wallet, long timestampMillis) {

    static final String TITLE = "Sign in to FarePlay Casino";

    // 13 digits covers every millisecond time from 2001 to 2286; up to 15 for leniency.
    private static final Pattern FORMAT =
            Pattern.compile(
                    Pattern.quote(TITLE)
                            + "\n\nWallet: ([1-9A-HJ-NP-Za-km-z]{32,44})\nTimestamp: "
                            + "([0-9]{1,15})");

    static boolean looksLike(String text) {
        return text.startsWith(TITLE);
    }

    /**
     * Parses a FarePlay sign-in message.
     *
     * @throws IllegalArgumentException when the text is not exactly one
     */
    public static FarePlayMessage parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected 'Sign in to FarePlay Casino', a blank line, 'Wallet: <address>' and"
                            + " 'Timestamp: <milliseconds>'");
        }
        return new FarePlayMessage(m.group(1), Long.parseLong(m.group(2)));
    }
}
