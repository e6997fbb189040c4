package net.nym.test.greeter;

/** A public class that other plugins may or may not see. */
public final class Greeter {
  private Greeter() {}

  public static String greeting() {
    return "greetings from greeter";
  }
}
