package io.chainplay.pipelines.earnings;

import java.util.Arrays;
import java.util.Objects;

/**
 * The rows of one player's businesses that changed together (an event, a due, a correction):
 * written to {@code earnings.businesses} in one statement, so that a due costs one upsert however
 * many businesses the player has, and a player's rows reach the table in order.
 */
public class BusinessRows {
    public String player;
    public BusinessRow[] rows;

    /**
     * Deletes the player's businesses numbered above this first (-1: none): sent once per player
     * after a restore, since a crashed run may have written businesses the restored one will not.
     */
    public int purgeAbove = -1;

    public BusinessRows() {}

    BusinessRows(String player, BusinessRow[] rows) {
        this.player = player;
        this.rows = rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessRows
                && Objects.equals(player, ((BusinessRows) o).player)
                && Arrays.equals(rows, ((BusinessRows) o).rows)
                && purgeAbove == ((BusinessRows) o).purgeAbove;
    }

    @Override
    public int hashCode() {
        return Objects.hash(player);
    }

    @Override
    public String toString() {
        return "Businesses{" + player + " " + Arrays.toString(rows) + "}";
    }
}
