package example.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Streams: echoes JSON upper-cased; when the input is "text", writes plain text. */
public class Shouter implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String in = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String out = in.equals("\"text\"") ? "plain words from " + context.getFunctionName() : in.toUpperCase();
        output.write(out.getBytes(StandardCharsets.UTF_8));
    }
}
