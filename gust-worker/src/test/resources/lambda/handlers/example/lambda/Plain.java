package example.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/** A method handler taking Lambda's Context: GUST_HANDLER=example.lambda.Plain::handle. */
public class Plain {
    public String handle(String input, Context context) {
        return input + " via " + context.getAwsRequestId();
    }
}
