package net.nym.plugin.validator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.nym.api.service.NymService;
import net.nym.testing.NymTestHost;

/** A real {@code nym} host with the validator plugin jar (built by Maven before the tests). */
final class NymWithValidator extends NymTestHost {
  NymWithValidator(Path root) throws IOException {
    super(root, List.of("nym.test.pluginJar"), "validator");
  }

  /** Creates (unstarted) the validator {@code id} through the host's service registry. */
  NymService create(String id) throws Exception {
    return create("validator", id);
  }
}
