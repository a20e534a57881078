package io.chainplay.statefun.functions.trade;

/**
 * Who used a player's daily trade: the UTC day and the request that holds it. A trade that ends
 * REJECTED or CANCELLED (nothing executed) gives it back; one that FILLED keeps it.
 */
public record Allowance(String day, String requestId) {}
