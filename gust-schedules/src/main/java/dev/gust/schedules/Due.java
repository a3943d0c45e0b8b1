package dev.gust.schedules;

import java.util.List;

/**
 * The slots a schedule should fire now.
 *
 * @param slots oldest first; empty when nothing is due
 * @param dropped whether older missed slots were left out because {@link CatchUp#ALL} reached its cap
 */
public record Due(List<Slot> slots, boolean dropped) {
    public Due {
        slots = List.copyOf(slots);
    }

    static Due nothing() {
        return new Due(List.of(), false);
    }
}
