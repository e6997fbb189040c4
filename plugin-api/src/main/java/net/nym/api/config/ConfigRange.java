package net.nym.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed range of an integer key ({@code int} or {@code long} component), inclusive at both
 * ends. A value outside it is refused when the file is read, and the message states the range,
 * e.g. {@code key 'mixnet.port': expected an integer from 1 to 65535, got 70000}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface ConfigRange {
  /** The smallest allowed value. */
  long min() default Long.MIN_VALUE;

  /** The largest allowed value. */
  long max() default Long.MAX_VALUE;
}
