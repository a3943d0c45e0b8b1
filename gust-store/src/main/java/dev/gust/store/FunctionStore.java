package dev.gust.store;

import java.util.List;
import java.util.Optional;

/** Deployed functions. Thread-safe. */
public interface FunctionStore {

    /**
     * Publishes an app's functions in one transaction: each spec whose content differs from the
     * function's current version becomes a new version (numbered one past the highest so far) and
     * the current one; identical specs are left alone. Functions of the app missing from
     * {@code specs} are not touched.
     *
     * @param app the app name
     * @param specs the functions as deployed now
     * @return one entry per spec, saying which version is current and whether it is new
     */
    List<Published> publish(String app, List<FunctionSpec> specs);

    /**
     * @param name a function name
     * @return its current version, when the function exists
     */
    Optional<FunctionVersion> current(String name);

    /**
     * @param name a function name
     * @param version a version number
     * @return that version, when it exists (old versions stay readable after newer ones)
     */
    Optional<FunctionVersion> version(String name, int version);

    /** @return the current version of every function, by name */
    List<FunctionVersion> list();

    /**
     * Deletes a function and all its versions.
     *
     * @param name a function name
     * @return whether it existed
     */
    boolean delete(String name);

    /**
     * @param version the version now current for its function
     * @param isNew whether this publish created it
     */
    record Published(FunctionVersion version, boolean isNew) {
    }
}
