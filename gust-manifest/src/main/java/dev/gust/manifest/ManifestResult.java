package dev.gust.manifest;

import java.util.List;

/** What {@link Manifests#parse} found: a valid manifest (perhaps with warnings), or every problem. */
public sealed interface ManifestResult {

    /**
     * @return the manifest when valid
     * @throws ManifestException listing every problem when not
     */
    AppManifest orThrow();

    /**
     * A manifest that can be deployed.
     *
     * @param manifest the app and its functions
     * @param warnings things likely to fail later that do not stop a deploy, rendered like
     *     problems ({@code functions.hello.handler: class ... not found in ...})
     */
    record Valid(AppManifest manifest, List<String> warnings) implements ManifestResult {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        @Override
        public AppManifest orThrow() {
            return manifest;
        }
    }

    /** @param problems every problem found, in file order; never empty */
    record Invalid(List<Problem> problems) implements ManifestResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid manifest has at least one problem");
            }
        }

        @Override
        public AppManifest orThrow() {
            throw new ManifestException(problems);
        }
    }
}
