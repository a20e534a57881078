package io.chainplay.connectors.exchange.fills;

import io.chainplay.connectors.exchange.account.AccountConfigException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where an account's API key is read from: an environment variable ({@code env:NAME}) or a file
 * ({@code file:/path}), resolved only where the key is used (on the task manager that connects).
 *
 * <p>A reference rather than the key, so that the key never enters a job graph, a checkpoint, a
 * command line or a log: {@link #toString()} shows the reference, never what it resolves to. The
 * {@link #literal} form holds the key itself and exists for tests and in-process demos against the
 * devnet; it prints as {@code <redacted>}.
 */
public final class ApiKeyRef implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind {
        ENV,
        FILE,
        LITERAL
    }

    private final Kind kind;
    private final String target;

    private ApiKeyRef(Kind kind, String target) {
        this.kind = kind;
        this.target = target;
    }

    /** The key is the value of this environment variable. */
    public static ApiKeyRef env(String variable) {
        if (variable == null || !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new AccountConfigException(
                    "an API key reference env:NAME needs a variable name, got '" + variable + "'");
        }
        return new ApiKeyRef(Kind.ENV, variable);
    }

    /** The key is the content of this file (trimmed), e.g. a Kubernetes secret mount. */
    public static ApiKeyRef file(String path) {
        if (path == null || path.isBlank()) {
            throw new AccountConfigException("an API key reference file:PATH needs a path");
        }
        return new ApiKeyRef(Kind.FILE, path);
    }

    /** The key itself: for tests and the devnet only (it travels inside the job graph). */
    public static ApiKeyRef literal(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new AccountConfigException("API key is empty");
        }
        return new ApiKeyRef(Kind.LITERAL, apiKey);
    }

    /** Parses {@code env:NAME} or {@code file:PATH}; a bare key is refused on purpose. */
    public static ApiKeyRef parse(String reference) {
        if (reference != null && reference.startsWith("env:")) {
            return env(reference.substring(4));
        }
        if (reference != null && reference.startsWith("file:")) {
            return file(reference.substring(5));
        }
        // Not echoed: an operator may have pasted the key itself here.
        throw new AccountConfigException(
                "an API key must be given as env:VARIABLE or file:/path/to/key, never as the key"
                        + " itself (it would end up in command lines and logs)");
    }

    /** Reads the key from the process environment or the file system. */
    public String resolve() {
        return resolve(System.getenv());
    }

    public String resolve(Map<String, String> environment) {
        switch (kind) {
            case LITERAL:
                return target;
            case ENV:
                String value = environment.get(target);
                if (value == null || value.isBlank()) {
                    throw new AccountConfigException(
                            "environment variable " + target + " (an API key) is not set");
                }
                return value.trim();
            default:
                try {
                    String key = Files.readString(Path.of(target), StandardCharsets.UTF_8).trim();
                    if (key.isEmpty()) {
                        throw new AccountConfigException("API key file " + target + " is empty");
                    }
                    return key;
                } catch (IOException e) {
                    // The exception text names the path, not the content.
                    throw new AccountConfigException(
                            "cannot read API key file "
                                    + target
                                    + ": "
                                    + e.getClass().getSimpleName(),
                            e);
                }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyRef that && kind == that.kind && target.equals(that.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, target);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ENV -> "env:" + target;
            case FILE -> "file:" + target;
            case LITERAL -> "<redacted>";
        };
    }
}
