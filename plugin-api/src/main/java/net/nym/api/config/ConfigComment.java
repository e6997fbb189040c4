package net.nym.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The comment written above a key (or above a table) when a configuration record is saved.
 *
 * <p>Put it on record components (or on record classes, for the comment above a table). Every
 * key of a configuration should have one: operators read these files.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.TYPE})
public @interface ConfigComment {
  /** The comment text; may contain several lines separated by {@code \n}. */
  String value();
}
