package dev.gust.events;

import java.util.List;

/** What {@link CloudEventCodec#parse(EventRequest)} made of a request: every event, or every problem. */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    /** The three ways CloudEvents travel over HTTP. */
    enum Mode {
        /** Attributes in {@code ce-*} headers, the body is the data. */
        BINARY,
        /** One event as {@code application/cloudevents+json}. */
        STRUCTURED,
        /** A JSON array of events as {@code application/cloudevents-batch+json}. */
        BATCH
    }

    /**
     * Every event of the request was valid.
     *
     * @param mode how they came
     * @param events in request order; a batch may be empty
     */
    record Accepted(Mode mode, List<CloudEvent> events) implements ParseResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * At least one problem; no event of the request is to be kept (a batch is all or nothing).
     *
     * @param problems every problem found, each with its path
     */
    record Rejected(List<Problem> problems) implements ParseResult {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }

        /** @return 413 when the only problems are sizes, else 400 (fixing the size alone would not do) */
        public int httpStatus() {
            return problems.stream().allMatch(p -> p.kind() == Problem.Kind.TOO_LARGE) ? 413 : 400;
        }
    }
}
