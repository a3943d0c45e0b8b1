package dev.gust.worker;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the function's code: {@code GUST_CODE} as a classes root plus every jar in it and in its
 * {@code lib}. Its parent is the platform loader, so the function sees none of the worker's
 * libraries (it may bring its own Jackson); only {@code dev.gust.sdk} is shared with the worker,
 * so both sides agree on {@code Handler}, {@code Context} and the HTTP records.
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final String SDK_PACKAGE = "dev.gust.sdk.";
    private final ClassLoader sdkLoader;

    static {
        registerAsParallelCapable();
    }

    private FunctionClassLoader(URL[] urls, ClassLoader sdkLoader) {
        super("function", urls, ClassLoader.getPlatformClassLoader());
        this.sdkLoader = sdkLoader;
    }

    /**
     * @param codeDir the function's code directory
     * @return a loader over it
     * @throws IOException when the directory cannot be listed
     */
    static FunctionClassLoader create(Path codeDir) throws IOException {
        if (!Files.isDirectory(codeDir)) {
            throw new IOException("code directory " + codeDir + " does not exist");
        }
        var urls = new ArrayList<URL>();
        urls.add(codeDir.toUri().toURL());
        addJars(codeDir, urls);
        addJars(codeDir.resolve("lib"), urls);
        return over(urls);
    }

    /**
     * @param locations classes roots and jars, searched in order
     * @return a loader over exactly these (a stem cell's warm-up loads its samples from the worker's own jar)
     */
    static FunctionClassLoader over(List<URL> locations) {
        return new FunctionClassLoader(locations.toArray(URL[]::new), FunctionClassLoader.class.getClassLoader());
    }

    private static void addJars(Path dir, List<URL> urls) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(toUrl(jar));
            }
        }
    }

    private static URL toUrl(Path p) throws MalformedURLException {
        return p.toUri().toURL();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SDK_PACKAGE)) {
            return sdkLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith("dev/gust/sdk/")) {
            return sdkLoader.getResource(name);
        }
        return super.getResource(name);
    }

    /** @return a short description of where classes are looked up, for error messages */
    String describe() {
        int jars = getURLs().length - 1;
        return getURLs()[0].getPath() + " (classes root and " + jars + (jars == 1 ? " jar)" : " jars)");
    }
}
