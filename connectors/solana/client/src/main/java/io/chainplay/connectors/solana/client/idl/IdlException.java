package io.chainplay.connectors.solana.client.idl;

/**
 * An IDL that cannot drive decoding: malformed JSON, an unknown type, an undefined reference, a
 * discriminator that is not sha256("event:" + name)[0..8], or a registry configuration error.
 *
 * <p>These are configuration errors: they surface when the registry is built, before any event is
 * read, so a job never starts with an IDL it would decode wrongly.
 */
public class IdlException extends RuntimeException {

    public IdlException(String message) {
        super(message);
    }

    public IdlException(String message, Throwable cause) {
        super(message, cause);
    }
}
