package net.nym.cli.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one Java type is held in TOML: what a value must look like, how to read it from the plain
 * tree of the TOML reader and how to write it as a TOML literal.
 *
 * <p>Supported: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double} (and
 * their boxes), enums, {@link Path}, {@link Duration}, and {@code List}s of those. Records and
 * {@code Optional}s are handled one level up, by {@link RecordShape}.
 */
abstract class ValueType {

  /** A value does not fit; the message says what was expected and what was found. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    /** The index within an array, when the bad value is an element; -1 otherwise. */
    final int index;

    BadValue(String message) {
      this(message, -1);
    }

    BadValue(String message, int index) {
      super(message);
      this.index = index;
    }
  }

  /** What a value must be, e.g. {@code an integer from 1 to 65535}. */
  abstract String expected();

  /** Converts a value of the TOML tree to the Java value. */
  abstract Object read(Object toml) throws BadValue;

  /** Writes a Java value as a TOML literal. */
  abstract String write(Object value) throws BadValue;

  BadValue mismatch(Object toml) {
    return new BadValue("expected " + expected() + ", got " + describe(toml));
  }

  /**
   * The value type of {@code type}.
   *
   * @throws IllegalArgumentException naming {@code where} if the type is not supported
   */
  static ValueType of(Type type, String where) {
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return new StringType();
      }
      if (c == boolean.class || c == Boolean.class) {
        return new BooleanType();
      }
      if (c == int.class || c == Integer.class) {
        return new IntegerType(Integer.MIN_VALUE, Integer.MAX_VALUE, true);
      }
      if (c == long.class || c == Long.class) {
        return new IntegerType(Long.MIN_VALUE, Long.MAX_VALUE, false);
      }
      if (c == double.class || c == Double.class) {
        return new DoubleType();
      }
      if (c.isEnum()) {
        return new EnumType(c);
      }
      if (c == Path.class) {
        return new PathType();
      }
      if (c == Duration.class) {
        return new DurationType();
      }
    } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      Type element = p.getActualTypeArguments()[0];
      if (!(element instanceof ParameterizedType)) {
        return new ListType(of(element, where + " (list element)"));
      }
    }
    throw new IllegalArgumentException(
        "configuration "
            + where
            + " has type "
            + type.getTypeName()
            + ", which TOML configs do not support (use String, boolean, int, long, double, an"
            + " enum, Path, Duration, a List of those, a record or an Optional)");
  }

  /** A short description of a tree value for "got ..." in messages. */
  static String describe(Object toml) {
    if (toml instanceof String s) {
      return s.isEmpty() ? "an empty string" : TomlText.basicString(s);
    }
    if (toml instanceof java.util.Map<?, ?>) {
      return "a table";
    }
    if (toml instanceof List<?>) {
      return "an array";
    }
    if (toml instanceof Temporal t) {
      return t + " (a date/time)";
    }
    if (toml instanceof Double d) {
      return TomlText.floatLiteral(d);
    }
    return String.valueOf(toml);
  }

  static final class StringType extends ValueType {
    @Override
    String expected() {
      return "a string";
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof String s) {
        return s;
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) throws BadValue {
      return TomlText.checkedBasicString((String) value);
    }
  }

  static final class BooleanType extends ValueType {
    @Override
    String expected() {
      return "true or false";
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof Boolean b) {
        return b;
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) {
      return value.toString();
    }
  }

  /**
   * This type narrowed to {@code [min, max]} by a {@code @ConfigRange}.
   *
   * @throws IllegalArgumentException naming {@code where} if the type is not an integer type
   */
  ValueType withRange(long min, long max, String where) {
    throw new IllegalArgumentException("@ConfigRange on " + where + ", which is not an integer");
  }

  static final class IntegerType extends ValueType {
    private final long min;
    private final long max;
    private final boolean isInt;

    IntegerType(long min, long max, boolean isInt) {
      this.min = min;
      this.max = max;
      this.isInt = isInt;
    }

    @Override
    ValueType withRange(long min, long max, String where) {
      if (min > max) {
        throw new IllegalArgumentException("@ConfigRange on " + where + " has min > max");
      }
      return new IntegerType(Math.max(min, this.min), Math.min(max, this.max), isInt);
    }

    @Override
    String expected() {
      return "an integer from " + min + " to " + max;
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof Long l && l >= min && l <= max) {
        if (isInt) {
          return Integer.valueOf(l.intValue());
        }
        return l;
      }
      if (toml instanceof BigInteger || toml instanceof Long) {
        throw new BadValue("expected " + expected() + ", got " + toml + ", which is out of range");
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) {
      return value.toString();
    }
  }

  static final class DoubleType extends ValueType {
    @Override
    String expected() {
      return "a number";
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof Double d) {
        return d;
      }
      if (toml instanceof Long || toml instanceof BigInteger) {
        return ((Number) toml).doubleValue();
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) {
      return TomlText.floatLiteral((Double) value);
    }
  }

  static final class EnumType extends ValueType {
    private final Enum<?>[] constants;

    EnumType(Class<?> type) {
      this.constants = (Enum<?>[]) type.getEnumConstants();
    }

    @Override
    String expected() {
      return "one of "
          + Arrays.stream(constants)
              .map(c -> "\"" + name(c) + "\"")
              .collect(Collectors.joining(", "));
    }

    private static String name(Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT);
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof String s) {
        for (Enum<?> c : constants) {
          if (c.name().equalsIgnoreCase(s)) {
            return c;
          }
        }
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) {
      return "\"" + name((Enum<?>) value) + "\"";
    }
  }

  static final class PathType extends ValueType {
    @Override
    String expected() {
      return "a path (a non-empty string)";
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof String s && !s.isEmpty()) {
        try {
          return Path.of(s);
        } catch (InvalidPathException e) {
          throw new BadValue(
              "expected a valid path, got " + describe(toml) + " (" + e.getReason() + ")");
        }
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) throws BadValue {
      String s = value.toString();
      if (s.isEmpty()) {
        throw new BadValue("cannot write an empty path");
      }
      return TomlText.checkedBasicString(s);
    }
  }

  static final class DurationType extends ValueType {
    @Override
    String expected() {
      return Durations.EXPECTED;
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (toml instanceof String s) {
        try {
          return Durations.parse(s);
        } catch (IllegalArgumentException e) {
          throw mismatch(toml);
        }
      }
      throw mismatch(toml);
    }

    @Override
    String write(Object value) throws BadValue {
      try {
        return "\"" + Durations.format((Duration) value) + "\"";
      } catch (IllegalArgumentException e) {
        throw new BadValue(e.getMessage());
      }
    }
  }

  static final class ListType extends ValueType {
    private final ValueType element;

    ListType(ValueType element) {
      this.element = element;
    }

    @Override
    String expected() {
      return "an array of " + plural(element.expected());
    }

    private static String plural(String expected) {
      return expected.startsWith("an ")
          ? expected.substring(3)
          : expected.startsWith("a ") ? expected.substring(2) : expected;
    }

    @Override
    Object read(Object toml) throws BadValue {
      if (!(toml instanceof List<?> list)) {
        throw mismatch(toml);
      }
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        try {
          out.add(element.read(list.get(i)));
        } catch (BadValue e) {
          throw new BadValue(e.getMessage(), i);
        }
      }
      return List.copyOf(out);
    }

    @Override
    String write(Object value) throws BadValue {
      List<?> list = (List<?>) value;
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null) {
          throw new BadValue("has no value (null)", i);
        }
        try {
          out.append(i == 0 ? "" : ", ").append(element.write(item));
        } catch (BadValue e) {
          throw new BadValue(e.getMessage(), i);
        }
      }
      return out.append(']').toString();
    }
  }
}
