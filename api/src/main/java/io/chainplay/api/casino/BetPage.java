package io.chainplay.api.casino;

import java.util.List;

/**
 * The reply of {@code GET /api/bets}: bets newest first.
 *
 * <p>An object rather than a bare array so that a cursor for the next page can be added later
 * without breaking clients (the indexes already order by {@code registered_at, trial_id}).
 */
public record BetPage(List<Bet> bets) {}
