package io.chainplay.connectors.exchange.order;

/**
 * An order that cannot be signed as given, with a message that says what to change (quantity step,
 * tick, expiry, ...). Thrown before anything is signed.
 */
public final class InvalidOrderException extends IllegalArgumentException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
