package io.chainplay.pipelines.casino;

/**
 * What the settlement operator keeps per trial: the copies of its events (which of them is in
 * effect follows from them), and the settlement and placement it has counted (to take them back
 * after a reorg).
 */
public class TrialState {
    /** Every copy of the trial's registration events heard of. */
    public Copies registrations = new Copies();

    /** Every copy of the trial's resolution events heard of. */
    public Copies resolutions = new Copies();

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

    /** The registration in effect (on the canonical chain as far as is known), or null. */
    CasinoEvent registration() {
        Copies.Copy copy = registrations.effective();
        return copy == null ? null : copy.event;
    }

    boolean registrationLive() {
        return registrations.effective() != null;
    }

    /** The resolution in effect, or null. */
    CasinoEvent resolution() {
        Copies.Copy copy = resolutions.effective();
        return copy == null ? null : copy.event;
    }

    boolean resolutionLive() {
        return resolutions.effective() != null;
    }
}
