package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** JSON writers for command output. */
final class ClientJson {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

  private ClientJson() {}
}
