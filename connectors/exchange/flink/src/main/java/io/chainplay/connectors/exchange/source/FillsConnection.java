package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.rest.ExtendedRestClient;
import io.chainplay.connectors.exchange.stream.AccountStream;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the readers talk to Extended: endpoints, the accounts (with references to their API
 * keys, resolved on the task manager), paging and retry settings. Serializable, part of the job
 * graph; holds no key unless a test used {@code ApiKeyRef.literal}.
 */
public record FillsConnection(
        String restUrl,
        String streamUrl,
        List<PlayerAccount> accounts,
        int pageSize,
        long requestTimeoutMillis,
        int maxAttempts,
        long initialBackoffMillis,
        long maxBackoffMillis)
        implements Serializable {

    public FillsConnection {
        accounts = List.copyOf(accounts);
    }

    public PlayerAccount account(long accountId) {
        for (PlayerAccount a : accounts) {
            if (a.accountId() == accountId) {
                return a;
            }
        }
        throw new IllegalStateException(
                "Account " + accountId + " is in the checkpoint but no longer configured");
    }

    public ExtendedRestClient rest(PlayerAccount account) {
        return new ExtendedRestClient(
                restUrl,
                account.apiKey().resolve(),
                new ExtendedRestClient.Settings(
                        Duration.ofMillis(requestTimeoutMillis),
                        maxAttempts,
                        Duration.ofMillis(initialBackoffMillis),
                        Duration.ofMillis(maxBackoffMillis)));
    }

    public AccountStream stream(PlayerAccount account) {
        return new AccountStream(
                URI.create(streamUrl),
                account.apiKey().resolve(),
                new AccountStream.Settings(
                        Duration.ofMillis(requestTimeoutMillis),
                        Duration.ofMillis(initialBackoffMillis),
                        Duration.ofMillis(maxBackoffMillis)),
                "account-" + account.accountId());
    }
}
