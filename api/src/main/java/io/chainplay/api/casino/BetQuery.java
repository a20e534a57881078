package io.chainplay.api.casino;

import io.chainplay.api.Pages.TimeCursor;

/**
 * Filters and page of {@code GET /api/bets}.
 *
 * @param player only this player's bets, or null
 * @param pool only this pool's bets, or null
 * @param status only bets in this status, or null
 * @param after the cursor: bets older than this (registered_at, trial_id), or null
 * @param limit at most this many
 */
record BetQuery(String player, String pool, String status, TimeCursor after, int limit) {}
