package com.amazonaws.services.lambda.runtime;

/** A stand-in with the shape of aws-lambda-java-core's RequestHandler. */
public interface RequestHandler<I, O> {
    O handleRequest(I input, Context context);
}
