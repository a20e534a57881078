package io.chainplay.api.casino;

import java.util.List;

/**
 * The reply of {@code GET /api/bets}: bets newest first, and the cursor of the next page (null on
 * the last one).
 */
public record BetPage(List<Bet> bets, String nextCursor) {}
