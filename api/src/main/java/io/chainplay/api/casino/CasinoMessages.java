package io.chainplay.api.casino;

import io.chainplay.api.ApiException;

/** Wording shared by the casino controllers, so the same mistake reads the same everywhere. */
final class CasinoMessages {

    private CasinoMessages() {}

    static String notAKey(String what, String value) {
        return what
                + " must be a Solana public key (base58 of 32 bytes), got "
                + ApiException.quote(value);
    }
}
