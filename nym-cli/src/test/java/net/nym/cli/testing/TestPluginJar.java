package net.nym.cli.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.nym.api.CommandProvider;
import net.nym.crypto.keys.Ed25519KeyPair;
import org.pf4j.ExtensionPoint;
import org.slf4j.Logger;
import picocli.CommandLine;

/**
 * Builds a real PF4J plugin jar for a test: compiles the sources of one directory under {@code
 * src/test/plugin-sources} with {@code javax.tools} against the plugin API and shared libraries,
 * and packages the classes with a manifest descriptor and a {@code META-INF/extensions.idx}.
 *
 * <p>(PF4J's own {@code PluginJar} helper lives in its unpublished test jar.)
 */
public final class TestPluginJar {

  /** The libraries a plugin compiles against, found through one class of each. */
  private static final List<Class<?>> API_CLASSES =
      List.of(
          CommandProvider.class,
          Ed25519KeyPair.class,
          ExtensionPoint.class,
          CommandLine.class,
          Logger.class,
          EventLoopGroup.class,
          Future.class);

  private static final Map<String, Path> COMPILED = new HashMap<>();

  private final String id;
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final List<String> extensions = new ArrayList<>();
  private String sources;

  private TestPluginJar(String id) {
    this.id = id;
    manifest.put("Plugin-Id", id);
    manifest.put("Plugin-Version", "0.1.0");
  }

  /** A plugin {@code id}, version 0.1.0, with no classes yet. */
  public static TestPluginJar plugin(String id) {
    return new TestPluginJar(id);
  }

  /** Compiles the sources in {@code src/test/plugin-sources/<directory>} into the jar. */
  public TestPluginJar sources(String directory) {
    this.sources = directory;
    return this;
  }

  /** Lists {@code className} in {@code META-INF/extensions.idx}. */
  public TestPluginJar extension(String className) {
    extensions.add(className);
    return this;
  }

  /** Sets a manifest attribute ({@code Plugin-Class}, {@code Plugin-Requires}, ...). */
  public TestPluginJar manifest(String name, String value) {
    manifest.put(name, value);
    return this;
  }

  /** Leaves a manifest attribute out (e.g. {@code Plugin-Id}, to make the manifest invalid). */
  public TestPluginJar without(String name) {
    manifest.remove(name);
    return this;
  }

  /** Writes the jar into {@code directory} (created if needed) as {@code <id>-0.1.0.jar}. */
  public Path writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path jar = directory.resolve(id + "-0.1.0.jar");
    Path classes = sources == null ? Files.createTempDirectory("no-classes") : compiled(sources);
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((name, value) -> mf.getMainAttributes().putValue(name, value));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
      if (!extensions.isEmpty()) {
        out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        out.write((String.join("\n", extensions) + "\n").getBytes(UTF_8));
        out.closeEntry();
      }
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          copy(file, out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  /** Compiles each source directory once per test run. */
  private static synchronized Path compiled(String directory) throws IOException {
    Path classes = COMPILED.get(directory);
    if (classes == null) {
      classes = Files.createTempDirectory("plugin-classes-" + directory);
      compile(sourceDir().resolve(directory), classes);
      COMPILED.put(directory, classes);
    }
    return classes;
  }

  private static void copy(Path file, OutputStream out) throws IOException {
    out.write(Files.readAllBytes(file));
  }

  private static Path sourceDir() {
    return Path.of(System.getProperty("nym.test.pluginSources", "src/test/plugin-sources"));
  }

  private static void compile(Path sourceRoot, Path classes) throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no sources in " + sourceRoot);
    }
    List<String> options =
        List.of(
            "--release", "17", "-proc:none", "-classpath", classpath(), "-d", classes.toString());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, UTF_8)) {
      boolean ok =
          javac
              .getTask(
                  diagnostics,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromStrings(files))
              .call();
      if (!ok) {
        throw new IllegalStateException("cannot compile " + sourceRoot + ":\n" + diagnostics);
      }
    }
  }

  private static String classpath() {
    return API_CLASSES.stream()
        .map(TestPluginJar::location)
        .distinct()
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
