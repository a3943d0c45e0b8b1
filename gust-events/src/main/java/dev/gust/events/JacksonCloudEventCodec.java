package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The codec: picks the mode from the Content-Type and hands the request to its reader. */
final class JacksonCloudEventCodec implements CloudEventCodec {
    private static final Set<String> RESERVED = reserved();
    private final StructuredReader structured;
    private final BinaryReader binary;

    JacksonCloudEventCodec(int maxEventBytes) {
        this.structured = new StructuredReader(maxEventBytes);
        this.binary = new BinaryReader(maxEventBytes);
    }

    @Override
    public ParseResult parse(EventRequest request) {
        String essence = request.header("content-type").map(MediaTypes::essence).orElse("");
        if (essence.equals(MediaTypes.STRUCTURED)) {
            return structured.structured(request.bodyUnsafe());
        }
        if (essence.equals(MediaTypes.BATCH)) {
            return structured.batch(request.bodyUnsafe());
        }
        if (essence.startsWith("application/cloudevents")) {
            return new ParseResult.Rejected(List.of(Problem.invalid("content-type", "event format " + essence
                    + " is not supported; use " + MediaTypes.STRUCTURED + ", " + MediaTypes.BATCH
                    + " or binary mode")));
        }
        return binary.read(request);
    }

    @Override
    public List<Problem> check(CloudEvent event) {
        // an extension named like an attribute would be lost when written, so the round trip cannot see it
        var problems = new ArrayList<Problem>();
        event.extensions().keySet().stream().filter(RESERVED::contains).forEach(name -> problems.add(
                Problem.invalid(name, "is a CloudEvents attribute, not an extension")));
        if (structured.structured(toStructuredJson(event)) instanceof ParseResult.Rejected rejected) {
            problems.addAll(rejected.problems());
        }
        return problems;
    }

    private static Set<String> reserved() {
        var names = new HashSet<>(EventAttributes.CONTEXT);
        names.add("data");
        return Set.copyOf(names);
    }

    @Override
    public byte[] toStructuredJson(CloudEvent event) {
        return Json.bytes(EventWriter.structured(event));
    }

    @Override
    public JsonNode toRulerJson(CloudEvent event) {
        return EventWriter.ruler(event);
    }
}
