package example.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        context.getLogger().log("greeting " + input.get("name"));
        context.getLogger().log("bytes too".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Map.of("greeting", "Hello, " + input.get("name"),
                "requestId", context.getAwsRequestId(),
                "function", context.getFunctionName() + ":" + context.getFunctionVersion(),
                "memory", context.getMemoryLimitInMB(),
                "remainingPositive", context.getRemainingTimeInMillis() > 0,
                "xray", context.getXrayTraceId());
    }
}
