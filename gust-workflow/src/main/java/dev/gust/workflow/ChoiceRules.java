package dev.gust.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Choice rules of the Amazon States Language: their validation, and (once built) their model and
 * evaluation against a state's input.
 */
public final class ChoiceRules {
    private ChoiceRules() {
    }

    /**
     * Checks one entry of a Choice state's {@code Choices} (a top-level rule, which must have
     * {@code Next}) or a nested rule of {@code And}/{@code Or}/{@code Not} (which must not).
     *
     * @param rule the rule as written
     * @param pointer where it is, e.g. {@code /States/Check/Choices/0}
     * @param topLevel whether it is an entry of {@code Choices}
     * @return every problem, each with its pointer; empty when the rule is valid
     */
    public static List<Problem> check(JsonNode rule, String pointer, boolean topLevel) {
        return List.of(); // contract: validation arrives with the rule model
    }
}
