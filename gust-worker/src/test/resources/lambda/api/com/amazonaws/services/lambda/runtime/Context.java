package com.amazonaws.services.lambda.runtime;

/** A stand-in with the shape of aws-lambda-java-core's Context. */
public interface Context {
    String getAwsRequestId();
    String getLogGroupName();
    String getLogStreamName();
    String getFunctionName();
    String getFunctionVersion();
    String getInvokedFunctionArn();
    int getRemainingTimeInMillis();
    int getMemoryLimitInMB();
    LambdaLogger getLogger();
    default String getXrayTraceId() {
        return "no-xray";
    }
}
