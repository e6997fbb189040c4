package net.nym.api.home;

import java.nio.file.Path;
import java.util.List;

/**
 * The set of node homes under one root ({@code ~/.nym} by default; {@code --home} or {@code
 * NYM_HOME} override it). Implemented by the host; thread-safe.
 */
public interface NodeHomes {

  /** The absolute root directory. */
  Path root();

  /**
   * The home of instance {@code id} of {@code kind} ({@code <root>/<kind>/<id>}); it need not
   * exist yet.
   *
   * @param kind a lower-case kind such as {@code mixnode}, {@code gateway}, {@code client}
   * @param id the instance id: letters, digits, {@code .}, {@code _} and {@code -}, at most 64
   * @throws IllegalArgumentException naming the offending value if either is not a valid name
   */
  NodeHome home(String kind, String id);

  /** The ids of the existing instances of {@code kind}, sorted. */
  List<String> ids(String kind);
}
