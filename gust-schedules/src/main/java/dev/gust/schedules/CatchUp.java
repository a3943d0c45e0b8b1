package dev.gust.schedules;

import java.util.List;
import java.util.Locale;

/** What a schedule does about slots it missed while the node was down. */
public enum CatchUp {
    /** Fire only a slot that is due now, within the grace period; missed slots are dropped. */
    NONE,
    /** Fire the newest missed slot once; older ones are dropped. */
    LATEST,
    /** Fire every missed slot, oldest first, up to a cap; beyond it the oldest are dropped. */
    ALL;

    /** @return the policy as written in a definition: {@code none}, {@code latest} or {@code all} */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code none}, {@code latest} or {@code all}; absent or blank means {@code none}
     * @return the policy, or the problem under {@code catch-up}
     */
    public static Validated<CatchUp> parse(String text) {
        if (text == null || text.isBlank()) {
            return new Validated.Valid<>(NONE);
        }
        for (CatchUp policy : values()) {
            if (policy.text().equals(text)) {
                return new Validated.Valid<>(policy);
            }
        }
        return new Validated.Invalid<>(List.of(new Problem("catch-up", "must be none, latest or all; got '" + text + "'")));
    }
}
