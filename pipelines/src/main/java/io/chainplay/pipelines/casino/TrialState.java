package io.chainplay.pipelines.casino;

/**
 * What the settlement operator keeps per trial: the two events, whether each is on the canonical
 * chain and final, and the settlement it has counted (to take it back after a reorg).
 */
public class TrialState {
    /** Every copy of the trial's registration events heard of. */
    public Copies registrations = new Copies();

    /** Every copy of the trial's resolution events heard of. */
    public Copies resolutions = new Copies();

    /** The registration in effect, or the last one that was. */
    public CasinoEvent registration;

    /** A registration is on the canonical chain (seen and not retracted). */
    public boolean registrationLive;

    public CasinoEvent resolution;
    public boolean resolutionLive;

    /** The settlement counted in the player's stats; null while not settled. */
    public BetOutcome settled;

    /** The placement counted (player.joined, placed bets); null while not registered. */
    public BetOutcome placed;

    /** The resolution was refused once already; don't dead-letter it again. */
    public boolean resolutionRefused;

    /** Event time the trial was first seen, from which the pending timeout runs. */
    public long firstSeen;

    /** Latest event time seen, from which the retention of a finished trial runs. */
    public long lastSeen;

    /** The one event-time timer this trial has registered, or 0. */
    public long timer;

    /**
     * Event time the bet was reported expired (no live resolution within the bet expiry), or 0.
     * Cleared while a resolution is live, so the bet's row depends on its events only, not on when
     * they arrived.
     */
    public long expiredAt;

    /** The anomaly row this trial has written and would have to delete, or null. */
    public String anomalyId;

    public TrialState() {}
}
