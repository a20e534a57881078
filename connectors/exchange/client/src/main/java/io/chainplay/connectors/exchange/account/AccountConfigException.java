package io.chainplay.connectors.exchange.account;

/**
 * Account configuration is missing or malformed. Messages name the setting to fix and never contain
 * a secret's value.
 */
public final class AccountConfigException extends IllegalArgumentException {

    public AccountConfigException(String message) {
        super(message);
    }

    public AccountConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
