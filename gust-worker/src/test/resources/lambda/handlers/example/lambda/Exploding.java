package example.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Exploding implements RequestHandler<Object, Object> {
    @Override
    public Object handleRequest(Object input, Context context) {
        throw new UnsupportedOperationException("not today");
    }
}
