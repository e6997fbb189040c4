package net.nym.plugin.mixnode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.nym.api.home.NodeHome;
import net.nym.api.service.NymService;
import net.nym.testing.NymTestHost;

/** A real {@code nym} host with this module's plugin jar (built by Maven before the tests). */
final class NymWithMixnode extends NymTestHost {
  NymWithMixnode(Path root) throws IOException {
    super(root, List.of("nym.test.pluginJar"), "mixnode");
  }

  /** The home of mixnode {@code id}. */
  NodeHome home(String id) {
    return home("mixnode", id);
  }

  /** Creates (unstarted) the mixnode service of {@code id} through the host's service registry. */
  NymService create(String id) throws Exception {
    return create("mixnode", id);
  }
}
