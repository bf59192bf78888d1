package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Reader for Strimzi's run-time annotation of the same name; see {@link PresentInVersions}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface RequiredInVersions {
  /** A version range: {@code v1+}, {@code v1beta2}, … */
  String value();
}
