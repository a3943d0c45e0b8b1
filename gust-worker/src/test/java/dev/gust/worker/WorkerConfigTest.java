package dev.gust.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    private static Map<String, String> complete() {
        var env = new HashMap<String, String>();
        env.put("GUST_CODE", "/var/task");
        env.put("GUST_HANDLER", "com.example.Hello::handle");
        env.put("GUST_FUNCTION_NAME", "hello");
        env.put("GUST_FUNCTION_VERSION", "7");
        env.put("GUST_MEMORY_MB", "512");
        env.put("GUST_INSTANCE_ID", "i-9");
        return env;
    }

    @Test
    void fromEnvironment_complete_readsEveryFieldWithTheDefaultLogCap() throws Exception {
        WorkerConfig config = WorkerConfig.fromEnvironment(complete());
        assertThat(config).isEqualTo(new WorkerConfig(Path.of("/var/task"), HandlerSpec.parse("com.example.Hello::handle"),
                "hello", "7", 512, "i-9", 1024 * 1024, Map.of()));
    }

    @Test
    void fromEnvironment_functionEnvironment_isOnlyTheListedVariablesThatAreSet() throws Exception {
        var env = complete();
        env.putAll(Map.of("GUST_USER_ENV", " TABLE, REGION ,MISSING,", "TABLE", "orders", "REGION", "eu",
                "PATH", "/usr/bin", "HOME", "/root"));
        assertThat(WorkerConfig.fromEnvironment(env).environment()).isEqualTo(Map.of("TABLE", "orders", "REGION", "eu"));
    }

    @Test
    void fromEnvironment_badLogCap_isRejectedWithItsValue() {
        var env = complete();
        env.put("GUST_LOG_CAP_BYTES", "1MB");
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(env))
                .hasMessage("invalid worker environment: GUST_LOG_CAP_BYTES: must be a whole number in "
                        + "1..9223372036854775807, got '1MB'");
    }

    @Test
    void fromEnvironment_empty_reportsEveryMissingVariableAtOnce() {
        assertThatThrownBy(() -> WorkerConfig.fromEnvironment(Map.of()))
                .hasMessageContainingAll("GUST_CODE: must be set", "GUST_HANDLER: must be set",
                        "GUST_FUNCTION_NAME: must be set", "GUST_FUNCTION_VERSION: must be set",
                        "GUST_INSTANCE_ID: must be set", "GUST_MEMORY_MB: must be set");
    }
}
