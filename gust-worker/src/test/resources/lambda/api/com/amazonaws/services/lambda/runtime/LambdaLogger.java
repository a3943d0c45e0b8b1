package com.amazonaws.services.lambda.runtime;

/** A stand-in with the shape of aws-lambda-java-core's LambdaLogger. */
public interface LambdaLogger {
    void log(String message);
    void log(byte[] message);
}
