package net.nym.cli.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigRange;

/**
 * The TOML layout of a configuration record: one entry per component, in declaration order, each a
 * key (a {@link ValueType}) or a table (a nested record), possibly {@code Optional}.
 */
final class RecordShape {

  /** One record component as it appears in TOML. */
  static final class Entry {
    final RecordComponent component;
    final String key;
    final Optional<String> comment;
    final boolean optional;

    /** The value type of a key; {@code null} for a table. */
    final ValueType value;

    /** The shape of a table; {@code null} for a key. */
    final RecordShape table;

    private Entry(
        RecordComponent component,
        String key,
        Optional<String> comment,
        boolean optional,
        ValueType value,
        RecordShape table) {
      this.component = component;
      this.key = key;
      this.comment = comment;
      this.optional = optional;
      this.value = value;
      this.table = table;
    }

    boolean isTable() {
      return table != null;
    }

    /** What the entry must hold, for messages. */
    String expected() {
      return isTable() ? "a table [" + key + "]" : value.expected();
    }

    /** Reads the component's value from {@code record}. */
    Object get(Object record) {
      Method accessor = component.getAccessor();
      try {
        return accessor.invoke(record);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + component, e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("accessor of " + component + " failed", e.getCause());
      }
    }
  }

  final Class<?> type;
  final Optional<String> comment;
  final List<Entry> entries;
  private final Constructor<?> constructor;

  private RecordShape(
      Class<?> type, Optional<String> comment, List<Entry> entries, Constructor<?> constructor) {
    this.type = type;
    this.comment = comment;
    this.entries = entries;
    this.constructor = constructor;
  }

  /**
   * The shape of {@code type}.
   *
   * @throws IllegalArgumentException if a component has an unsupported type, two components map to
   *     the same key, or the record contains itself
   */
  static RecordShape of(Class<?> type) {
    return of(type, new HashSet<>());
  }

  private static RecordShape of(Class<?> type, Set<Class<?>> enclosing) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    if (!enclosing.add(type)) {
      throw new IllegalArgumentException(
          "configuration record " + type.getName() + " contains itself");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      parameterTypes[i] = c.getType();
      String key = TomlText.keyName(c.getName());
      if (!TomlText.isBareKey(key)) {
        throw new IllegalArgumentException(
            "configuration " + type.getName() + "." + c.getName() + " cannot be a TOML key");
      }
      if (!keys.add(key)) {
        throw new IllegalArgumentException(
            "configuration " + type.getName() + " has two components with the key '" + key + "'");
      }
      Type generic = c.getGenericType();
      boolean optional = false;
      if (generic instanceof ParameterizedType p && p.getRawType() == Optional.class) {
        optional = true;
        generic = p.getActualTypeArguments()[0];
      }
      Optional<String> comment =
          Optional.ofNullable(c.getAnnotation(ConfigComment.class)).map(ConfigComment::value);
      if (generic instanceof Class<?> nested && nested.isRecord()) {
        entries.add(new Entry(c, key, comment, optional, null, of(nested, enclosing)));
      } else {
        String where = type.getName() + "." + c.getName();
        ValueType valueType = ValueType.of(generic, where);
        ConfigRange range = c.getAnnotation(ConfigRange.class);
        if (range != null) {
          valueType = valueType.withRange(range.min(), range.max(), where);
        }
        entries.add(new Entry(c, key, comment, optional, valueType, null));
      }
      c.getAccessor().trySetAccessible();
    }
    enclosing.remove(type);
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "record " + type.getName() + " has no canonical constructor", e);
    }
    constructor.trySetAccessible();
    return new RecordShape(
        type,
        Optional.ofNullable(type.getAnnotation(ConfigComment.class)).map(ConfigComment::value),
        List.copyOf(entries),
        constructor);
  }

  /** The record's constructor refused the values: its own validation failed. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(RuntimeException cause) {
      super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }
  }

  /**
   * Calls the canonical constructor.
   *
   * @throws Rejected if the constructor threw a runtime exception (its validation)
   */
  Object construct(Object[] args) throws Rejected {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw new Rejected(r);
      }
      throw new IllegalStateException("constructor of " + type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }
}
