-- Player stats: what each write costs. The casino job rewrites a player's row once per flush in
-- which it changed (every second under load), and each rewrite changed net, wagered and last_seen,
-- the columns of three indexes that no query reads: leaderboards are served from
-- casino.leaderboard_entries, and a player's stats by the primary key. With them gone, a rewrite
-- changes no indexed column, so Postgres can update the row in place on its page (a HOT update:
-- no index entry at all) when the page has room, which the fill factor keeps for it.
DROP INDEX casino.player_stats_pool_net_idx;
DROP INDEX casino.player_stats_pool_wagered_idx;
DROP INDEX casino.player_stats_pool_last_seen_idx;
ALTER TABLE casino.player_stats SET (fillfactor = 80);
