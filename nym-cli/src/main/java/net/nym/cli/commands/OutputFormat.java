package net.nym.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * The {@code -o} values of a data command: {@code text} for people, {@code json} for scripts
 * (indented, one document per run, field names as in the Javadoc of the printed record).
 */
public enum OutputFormat {
  text,
  json;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Prints {@code value} as one JSON document. */
  public static void printJson(PrintWriter out, Object value) throws JsonProcessingException {
    out.println(JSON.writeValueAsString(value));
  }
}
