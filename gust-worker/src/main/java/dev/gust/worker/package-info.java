/**
 * The runtime inside a sandbox: one JVM process per function instance, started by a node as
 * {@code java -cp <gust-worker, gust-protocol, gust-sdk, jackson jars> dev.gust.worker.Main}.
 *
 * <p>{@link dev.gust.worker.Main} connects to the node's Unix socket, sends {@code Hello}, loads the
 * handler named by {@code GUST_HANDLER} from {@code GUST_CODE} in its own class loader (parent: the
 * platform loader; only {@code dev.gust.sdk} is shared), sends {@code Ready} or {@code InitFailed},
 * then runs each {@code Invoke} on its own virtual thread and answers it with one {@code Result}.
 * While it runs, the invocation's context clients (queues, events, functions) send {@code Call}
 * frames and block until the reader loop hands them the matching {@code CallResult}
 * ({@code PlatformCalls}); calls after the handler returned fail without being sent.
 *
 * <p>A stem cell ({@code GUST_STEM_CELL=1}, see {@link dev.gust.worker.Main}) warms up
 * ({@code WarmUp}), sends {@code Hello}, and on {@code Specialize} takes the function's environment
 * as the process's ({@code StemCell}, {@code ProcessEnvironmentPatch}) before going on as above.
 *
 * <p>Handler kinds, detected in this order: {@code dev.gust.sdk.Handler}, {@code java.util.function.Function},
 * AWS Lambda's {@code RequestHandler} and {@code RequestStreamHandler} (found reflectively in the
 * function's own jars; Gust does not depend on the Lambda library), or {@code Class::method} for a
 * public method taking {@code (input)}, {@code (input, dev.gust.sdk.Context)} or
 * {@code (input, com.amazonaws.services.lambda.runtime.Context)}.
 *
 * <p>JSON mapping: see {@code JsonCodec}. In short, records and POJOs map by name ({@code
 * isBase64Encoded} stays {@code isBase64Encoded}), {@code String} input is a JSON string's value or
 * else the raw JSON, {@code byte[]} input is the raw payload, a {@code byte[]} result is a base64 JSON
 * string, {@code null} is {@code null}. Jackson annotations in the function's code are not seen
 * (they come from the function's class loader); {@code java.time} and {@code Optional} need the
 * function to map them itself. A routed request (an API Gateway payload 2.0 event) reaching a handler
 * whose input is its own record or POJO is read from the request's JSON body instead of the event
 * ({@code HttpBody}); Lambda would pass the event.
 *
 * <p>Errors: the error type is the exception's simple class name (as AWS Lambda reports it), or
 * {@code OutOfMemory} (the worker then exits with status 4), {@code StackOverflow},
 * {@code InvalidInput}, {@code InvalidOutput}, {@code ResponseTooLarge}; traces are trimmed to the
 * function's frames.
 *
 * <p>Output: {@code System.out} and {@code System.err} become log frames tagged with the invocation
 * of the writing thread (inherited by threads it starts), a line at a time, capped per invocation by
 * {@code GUST_LOG_CAP_BYTES}. Output outside any invocation is sent untagged and is not capped.
 */
package dev.gust.worker;
