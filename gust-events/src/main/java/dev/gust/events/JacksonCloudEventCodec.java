package dev.gust.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The codec: picks the mode from the Content-Type and hands the request to its reader. */
final class JacksonCloudEventCodec implements CloudEventCodec {
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
        return switch (structured.structured(toStructuredJson(event))) {
            case ParseResult.Accepted accepted -> List.of();
            case ParseResult.Rejected rejected -> rejected.problems();
        };
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
