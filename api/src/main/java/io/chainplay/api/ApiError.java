package io.chainplay.api;

/**
 * The JSON body of every error response: a stable machine-readable {@code code} and a sentence for
 * people saying what was wrong.
 *
 * <p>Deliberately smaller than RFC 9457 problem details: clients branch on {@code code}, and the
 * message never carries a stack trace or SQL.
 *
 * @param code lower-snake-case, e.g. {@code invalid_wallet}, {@code not_found}
 * @param message what was wrong, in words
 */
public record ApiError(String code, String message) {}
