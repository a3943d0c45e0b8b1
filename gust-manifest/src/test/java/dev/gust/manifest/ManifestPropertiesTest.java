package dev.gust.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class ManifestPropertiesTest {
    private static Path dir;

    @BeforeContainer
    static void appDirectory() throws IOException {
        dir = Files.createTempDirectory("gust-manifest-properties").toAbsolutePath();
        TestApps.jar(dir.resolve("app.jar"), "a/B.class");
        TestApps.jar(dir.resolve("lib/deps.jar"), "c/D.class");
        Files.createDirectories(dir.resolve("classes"));
    }

    @AfterContainer
    static void removeAppDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 300)
    void parse_anyValidManifest_readsBackTheSameValues(@ForAll("apps") GeneratedApp app) {
        var manifest = TestApps.valid(Manifests.parse(app.yaml(), dir));

        assertThat(manifest).isEqualTo(app.expected(dir));
        assertThat(manifest.functions().keySet()).containsExactlyElementsOf(app.functions().stream().map(GeneratedApp.Fn::name).toList());
        manifest.functions().values().forEach(fn -> {
            var expected = app.expected(dir).functions().get(fn.name());
            assertThat(fn.environment().keySet()).containsExactlyElementsOf(expected.environment().keySet());
        });
    }

    @Property(tries = 400)
    void parse_whenOneFieldIsBroken_reportsExactlyThatField(@ForAll("apps") GeneratedApp app, @ForAll("breakages") Breakage breakage,
            @ForAll("indexes") int which) {
        var fn = app.functions().get(which % app.functions().size());
        var tree = app.tree();
        String path = breakage.apply(tree, fn);

        var result = Manifests.parse(GeneratedApp.render(tree), dir);

        assertThat(TestApps.paths(result)).as(GeneratedApp.render(tree)).containsExactly(path);
    }

    @Property(tries = 300)
    void parse_neverThrows_forArbitraryText(@ForAll String text) {
        assertParsesWithoutThrowing(text);
    }

    @Property(tries = 500)
    void parse_neverThrows_forYamlLikeText(@ForAll("yamlish") String text) {
        assertParsesWithoutThrowing(text);
    }

    @Property(tries = 200)
    void parse_neverThrows_forACorruptedManifest(@ForAll("apps") GeneratedApp app, @ForAll("edits") List<Edit> edits) {
        var text = new StringBuilder(app.yaml());
        edits.forEach(e -> e.apply(text));

        assertParsesWithoutThrowing(text.toString());
    }

    private static void assertParsesWithoutThrowing(String text) {
        var result = Manifests.parse(text, dir);

        if (result instanceof ManifestResult.Invalid invalid) {
            assertThat(invalid.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
        } else {
            assertThat(((ManifestResult.Valid) result).manifest().functions()).isNotEmpty();
        }
    }

    // ---- valid manifests

    @Provide
    Arbitrary<GeneratedApp> apps() {
        var fns = function().list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(GeneratedApp.Fn::name)
                .filter(ManifestPropertiesTest::routesAreUnique);
        return Combinators.combine(names(), fns).as(GeneratedApp::new);
    }

    private static boolean routesAreUnique(List<GeneratedApp.Fn> fns) {
        var shapes = fns.stream().flatMap(f -> f.routes().stream()).map(r -> RouteSpec.parse(r).shape()).toList();
        return new HashSet<>(shapes).size() == shapes.size();
    }

    static Arbitrary<String> names() {
        var first = Arbitraries.chars().range('a', 'z');
        var rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMaxLength(62);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    private Arbitrary<GeneratedApp.Fn> function() {
        var max = Arbitraries.integers().between(1, 1000).optional(0.6);
        var concurrency = max.flatMap(m -> Combinators.combine(
                Arbitraries.integers().between(0, m.orElse(10)).optional(0.5),
                Arbitraries.integers().between(1, 1000).optional(0.5)).as((min, per) -> new int[][] {
                    {min.orElse(-1), m.orElse(-1), per.orElse(-1)}}));
        return Combinators.combine(names(), handlers(), Arbitraries.of("app.jar", "classes", "lib/deps.jar", "."),
                Arbitraries.integers().between(128, 10240).optional(0.7), timeouts().optional(0.7), concurrency,
                environments(), Arbitraries.of(true, false).optional(0.5))
                .flatAs((name, handler, code, memory, timeout, c, env, network) -> routes().map(routes ->
                        new GeneratedApp.Fn(name, handler, code, memory, timeout, given(c[0][0]), given(c[0][1]),
                                given(c[0][2]), env, network, routes)));
    }

    private static Optional<Integer> given(int value) {
        return value < 0 ? Optional.empty() : Optional.of(value);
    }

    private static Arbitrary<String> handlers() {
        var pkg = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).list().ofMaxSize(3);
        var cls = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.strings().alpha().numeric().withChars('_', '$').ofMaxLength(10)).as((f, r) -> f + r);
        var method = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).optional(0.3);
        return Combinators.combine(pkg, cls, method).as((p, c, m) ->
                (p.isEmpty() ? "" : String.join(".", p) + ".") + c + m.map(x -> "::" + x).orElse(""));
    }

    private static Arbitrary<GeneratedApp.Written> timeouts() {
        return Arbitraries.longs().between(100, 900_000).flatMap(ms -> {
            List<GeneratedApp.Written> forms = new ArrayList<>();
            forms.add(new GeneratedApp.Written(Duration.ofMillis(ms), ms + "ms"));
            if (ms % 1000 == 0) {
                forms.add(new GeneratedApp.Written(Duration.ofMillis(ms), ms / 1000 + "s"));
                forms.add(new GeneratedApp.Written(Duration.ofMillis(ms), Long.toString(ms / 1000)));
            }
            if (ms % 60_000 == 0) {
                forms.add(new GeneratedApp.Written(Duration.ofMillis(ms), ms / 60_000 + "m"));
            }
            return Arbitraries.of(forms);
        }).edgeCases(c -> c.add(new GeneratedApp.Written(Duration.ofMillis(100), "100ms"))
                .add(new GeneratedApp.Written(Duration.ofMinutes(15), "15m")));
    }

    private static Arbitrary<Map<String, String>> environments() {
        var name = Combinators.combine(Arbitraries.chars().alpha().with('_'),
                Arbitraries.strings().alpha().numeric().withChars('_').ofMaxLength(10)).as((f, r) -> f + r)
                .filter(n -> !n.startsWith("GUST_"));
        var value = Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ß', '中', '\t').ofMaxLength(30);
        return Arbitraries.maps(name, value).ofMaxSize(5).map(LinkedHashMap::new);
    }

    private static Arbitrary<List<String>> routes() {
        return route().list().ofMaxSize(3).uniqueElements(r -> RouteSpec.parse(r).shape());
    }

    /** A valid route: literal, parameter and (last) greedy segments, with unique parameter names. */
    static Arbitrary<String> route() {
        var literal = Arbitraries.strings().alpha().numeric().withChars('.', '_', '~', '-').ofMinLength(1).ofMaxLength(8);
        var segment = Arbitraries.oneOf(literal, Arbitraries.just("{}"));
        var greedy = Arbitraries.of(true, false);
        return Combinators.combine(Arbitraries.of(RouteSpec.METHODS), segment.list().ofMaxSize(4), greedy).as((m, segs, g) -> {
            var b = new StringBuilder(m).append(' ');
            for (int i = 0; i < segs.size(); i++) {
                b.append('/').append(segs.get(i).equals("{}") ? "{p" + i + "}" : segs.get(i));
            }
            if (g) {
                b.append("/{rest+}");
            }
            return b.isEmpty() || b.charAt(b.length() - 1) == ' ' ? b.append('/').toString() : b.toString();
        });
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 3);
    }

    // ---- breaking one field

    /** Breaks one field of {@code fn} in the tree. @return the path the problem must name */
    interface Breakage extends BiFunction<Map<String, Object>, GeneratedApp.Fn, String> {
    }

    @Provide
    Arbitrary<Breakage> breakages() {
        return Arbitraries.oneOf(List.of(
                setKey("memory", "127", "10241", "0", "-5", "lots", "1.5", "99999999999", "[256]"),
                setKey("timeout", "99ms", "16m", "901", "soon", "0", "1.5s", "{a: b}"),
                setKey("runtime", "java17", "python3", "Java21", "''"),
                setKey("handler", "a..b", "1a.B", "'a b'", "'A::'", "''"),
                setKey("code", "../x.jar", "nope.jar", "/etc", "'x/../../y'"),
                setKey("network", "off", "'yes'", "[none]"),
                setKey("memroy", "512"),
                concurrency("max", "0", "1001", "many"),
                concurrency("per-instance", "0", "1001", "-1"),
                minAboveMax(),
                badAppName(),
                badFunctionName(),
                badRoute(),
                badEnvironmentName(),
                Arbitraries.just((tree, fn) -> {
                    tree.put("tables", "{}");
                    return "tables";
                })));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> function(Map<String, Object> tree, GeneratedApp.Fn fn) {
        return (Map<String, Object>) ((Map<String, Object>) tree.get("functions")).get(fn.name());
    }

    private static Arbitrary<Breakage> setKey(String key, String... values) {
        return Arbitraries.of(values).map(v -> (tree, fn) -> {
            function(tree, fn).put(key, v);
            return "functions." + fn.name() + "." + key;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> concurrencyOf(Map<String, Object> tree, GeneratedApp.Fn fn) {
        return (Map<String, Object>) function(tree, fn).computeIfAbsent("concurrency", k -> new LinkedHashMap<String, Object>());
    }

    private static Arbitrary<Breakage> concurrency(String key, String... values) {
        return Arbitraries.of(values).map(v -> (tree, fn) -> {
            concurrencyOf(tree, fn).put(key, v);
            return "functions." + fn.name() + ".concurrency." + key;
        });
    }

    private static Arbitrary<Breakage> minAboveMax() {
        return Arbitraries.integers().between(1, 5).map(above -> (tree, fn) -> {
            concurrencyOf(tree, fn).put("min", Integer.toString(fn.max().orElse(10) + above));
            return "functions." + fn.name() + ".concurrency.min";
        });
    }

    private static Arbitrary<Breakage> badAppName() {
        return Arbitraries.of("Shop", "1shop", "a_b", "'-a'", "a".repeat(64), "'shop.eu'").map(v -> (tree, fn) -> {
            tree.put("app", v);
            return "app";
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Breakage> badFunctionName() {
        return Arbitraries.of("Hello", "x_y", "9f", "b".repeat(64), "a.b").map(bad -> (tree, fn) -> {
            var functions = (Map<String, Object>) tree.get("functions");
            Map<String, Object> renamed = new LinkedHashMap<>();
            functions.forEach((name, settings) -> renamed.put(name.equals(fn.name()) ? bad : name, settings));
            tree.put("functions", renamed);
            return "functions." + bad;
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Breakage> badRoute() {
        var bad = Arbitraries.of("FETCH /x", "GET x", "GET /a/", "GET /{a+}/b", "GET /{1}", "get /x", "GET /a b", "GET /{a}/{a}", "");
        return Combinators.combine(bad, Arbitraries.integers().between(0, 2)).as((route, at) -> (tree, fn) -> {
            var routes = (List<Object>) function(tree, fn).computeIfAbsent("routes", k -> new ArrayList<>());
            int index = routes.isEmpty() ? 0 : at % routes.size();
            if (routes.isEmpty()) {
                routes.add(GeneratedApp.quoted(route));
            } else {
                routes.set(index, GeneratedApp.quoted(route));
            }
            return "functions." + fn.name() + ".routes[" + index + "]";
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Breakage> badEnvironmentName() {
        return Arbitraries.of("GUST_X", "GUST_", "1X", "A-B", "a.b").map(name -> (tree, fn) -> {
            var env = (Map<String, Object>) function(tree, fn).computeIfAbsent("environment", k -> new LinkedHashMap<String, Object>());
            env.put(name, "x");
            return "functions." + fn.name() + ".environment." + name;
        });
    }

    // ---- arbitrary and corrupted text

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.strings()
                .withChars(':', '-', ' ', '\n', '\t', '{', '}', '[', ']', ',', '"', '\'', '&', '*', '!', '|', '>', '#',
                        '?', '%', '@', '`', '~', '\\', '\r', '\uFEFF', '\u0000', '\uD800')
                .withCharRange('a', 'e')
                .withCharRange('0', '2')
                .ofMaxLength(80);
    }

    /** One character changed in a text: inserted, deleted or replaced at a position (wrapped to the text's length). */
    record Edit(int kind, int position, char c) {
        void apply(StringBuilder text) {
            int at = text.isEmpty() ? 0 : Math.floorMod(position, text.length());
            switch (kind) {
                case 0 -> text.insert(at, c);
                case 1 -> {
                    if (!text.isEmpty()) {
                        text.deleteCharAt(at);
                    }
                }
                default -> {
                    if (!text.isEmpty()) {
                        text.setCharAt(at, c);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        var c = Arbitraries.chars().with(':', '-', ' ', '\n', '{', '[', '"', '\'', '&', '*', '!', '#', '\t', 'x', '9');
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 10_000), c)
                .as(Edit::new).list().ofMinSize(1).ofMaxSize(5);
    }
}
