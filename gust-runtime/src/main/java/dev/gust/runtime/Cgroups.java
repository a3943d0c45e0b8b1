package dev.gust.runtime;

import java.io.IOException;
import java.util.Optional;

/** The host's cgroup facility that limits sandboxed instances: v2, v1 or none. Thread-safe. */
interface Cgroups {

    /** @return {@code v2}, {@code v1} or {@code none} */
    String kind();

    /** @return why there are no limits, when {@link #kind()} is {@code none} */
    Optional<String> unavailableReason();

    /**
     * Creates the group(s) of one instance with its limits set.
     *
     * @throws IOException when the group cannot be created or configured
     */
    Cgroup create(String instanceId, int memoryMb) throws IOException;

    /** @return no cgroups; instances run without limits for {@code reason} */
    static Cgroups none(String reason) {
        return new Cgroups() {
            @Override
            public String kind() {
                return "none";
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of(reason);
            }

            @Override
            public Cgroup create(String instanceId, int memoryMb) {
                return Cgroup.NONE;
            }
        };
    }

    /** @return the best usable facility on this host, found by creating and removing a probe group */
    static Cgroups detect() {
        return none("not probed yet");
    }
}
