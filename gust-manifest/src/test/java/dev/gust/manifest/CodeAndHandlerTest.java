package dev.gust.manifest;

import static dev.gust.manifest.TestApps.hello;
import static dev.gust.manifest.TestApps.problems;
import static dev.gust.manifest.TestApps.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeAndHandlerTest {
    @TempDir
    Path dir;

    private ManifestResult parseWithCode(String code) {
        return Manifests.parse(hello().replace("code: " + TestApps.JAR, "code: " + code), dir);
    }

    private List<String> warnings(ManifestResult result) {
        valid(result);
        return ((ManifestResult.Valid) result).warnings();
    }

    @Test
    void code_whenAJar_resolvesItAgainstTheAppDirectory() {
        TestApps.app(dir);

        var fn = valid(parseWithCode("./target/../target/hello-java.jar")).functions().get("hello");

        assertThat(fn.code()).isEqualTo(dir.resolve(TestApps.JAR).toAbsolutePath());
        assertThat(fn.code()).isAbsolute();
        assertThat(fn.codeIsJar()).isTrue();
    }

    @Test
    void code_whenADirectory_isNotAJar() throws Exception {
        Files.createDirectories(dir.resolve("build/classes/dev/gust/examples"));
        Files.writeString(dir.resolve("build/classes/dev/gust/examples/Hello.class"), "x");

        var result = parseWithCode("build/classes");
        var fn = valid(result).functions().get("hello");

        assertThat(fn.code()).isEqualTo(dir.resolve("build/classes").toAbsolutePath());
        assertThat(fn.codeIsJar()).isFalse();
        assertThat(warnings(result)).isEmpty();
    }

    @Test
    void code_whenTheAppDirectoryItself_isAccepted() throws Exception {
        Files.createDirectories(dir.resolve("dev/gust/examples"));
        Files.writeString(dir.resolve("dev/gust/examples/Hello.class"), "x");

        assertThat(valid(parseWithCode(".")).functions().get("hello").code()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void code_whenMissing_namesThePathAsWrittenAndWhatItIsRelativeTo() {
        // the server parses an uploaded copy: an absolute path would name its scratch directory
        assertThat(problems(parseWithCode("target/nope.jar"))).containsExactly("functions.hello.code: not found: "
                + "target/nope.jar (a path relative to the directory of gust.yaml)");
    }

    @Test
    void code_whenEscapingTheAppDirectory_isRefusedEvenIfItExists() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        TestApps.jar(dir.resolve("x.jar"), "a/B.class");

        var problems = problems(Manifests.parse(hello().replace("code: " + TestApps.JAR, "code: ../x.jar"), app));

        assertThat(problems).containsExactly("functions.hello.code: must stay inside the app directory, was \"../x.jar\"");
    }

    @Test
    void code_whenEscapingAfterGoingDeeper_isRefused() {
        TestApps.app(dir);

        assertThat(problems(parseWithCode("target/../../x"))).containsExactly(
                "functions.hello.code: must stay inside the app directory, was \"target/../../x\"");
    }

    @Test
    void code_whenEscapingThroughASymbolicLink_isRefused() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path outside = TestApps.jar(dir.resolve("outside/x.jar"), "dev/gust/examples/Hello.class");
        Files.createSymbolicLink(app.resolve("x.jar"), outside);

        var problems = problems(Manifests.parse(hello().replace("code: " + TestApps.JAR, "code: x.jar"), app));

        assertThat(problems).containsExactly(
                "functions.hello.code: must stay inside the app directory, but x.jar leads out through a symbolic link");
    }

    @Test
    void code_whenAbsolute_isRefused() {
        TestApps.app(dir);
        Path absolute = dir.resolve(TestApps.JAR).toAbsolutePath();

        assertThat(problems(parseWithCode(absolute.toString()))).containsExactly(
                "functions.hello.code: must be a path relative to the app directory, was \"" + absolute + "\"");
    }

    @Test
    void code_whenAFileOtherThanAJar_isRefused() {
        TestApps.write(dir.resolve("Hello.java"), "class Hello {}");

        assertThat(problems(parseWithCode("Hello.java")))
                .containsExactly("functions.hello.code: must be a .jar file or a directory, was \"Hello.java\"");
    }

    @Test
    void code_whenNotText_saysWhatItMustBe() {
        assertThat(problems(parseWithCode("[a.jar]"))).containsExactly("functions.hello.code: must be the path of "
                + "a .jar file or a directory, relative to the app directory, was a list");
    }

    @Test
    void handler_whenClassIsInTheJar_givesNoWarning() {
        TestApps.app(dir);

        assertThat(warnings(Manifests.parse(hello(), dir))).isEmpty();
    }

    @Test
    void handler_withAMethod_isLookedUpByItsClass() {
        TestApps.app(dir);

        assertThat(warnings(Manifests.parse(hello().replace(TestApps.HANDLER, TestApps.HANDLER + "::greet"), dir)))
                .isEmpty();
    }

    @Test
    void handler_whenClassIsMissingFromTheJar_warnsThatTheFirstInvocationWillFail() {
        TestApps.jar(dir.resolve(TestApps.JAR), "dev/gust/examples/Other.class");

        assertThat(warnings(Manifests.parse(hello(), dir))).containsExactly("functions.hello.handler: class "
                + "dev.gust.examples.Hello not found in target/hello-java.jar; the first invocation will fail with InitError");
    }

    @Test
    void handler_whenClassIsInALibraryJarOfADirectory_givesNoWarning() throws Exception {
        Files.createDirectories(dir.resolve("dist"));
        TestApps.jar(dir.resolve("dist/lib/other.jar"), "x/Y.class");
        TestApps.write(dir.resolve("dist/lib/broken.jar"), "not a zip");
        TestApps.jar(dir.resolve("dist/lib/hello.jar"), "dev/gust/examples/Hello.class");

        assertThat(warnings(parseWithCode("dist"))).isEmpty();
    }

    @Test
    void handler_whenClassIsNowhereInADirectory_warns() throws Exception {
        TestApps.jar(dir.resolve("dist/lib/other.jar"), "x/Y.class");

        assertThat(warnings(parseWithCode("dist"))).containsExactly("functions.hello.handler: class "
                + "dev.gust.examples.Hello not found in dist; the first invocation will fail with InitError");
    }

    @Test
    void handler_whenTheJarIsNotAZip_warnsThatItCannotBeRead() {
        TestApps.write(dir.resolve("bad.jar"), "not a zip");

        assertThat(warnings(parseWithCode("bad.jar"))).singleElement().asString()
                .startsWith("functions.hello.code: cannot read bad.jar (")
                .endsWith("); the first invocation will fail with InitError");
    }
}
