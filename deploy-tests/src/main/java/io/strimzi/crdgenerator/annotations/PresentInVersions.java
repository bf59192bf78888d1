package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reader for the annotation of the same name that Strimzi's API classes keep at run time (for example
 * {@code KafkaSpec.getZookeeper()} carries {@code @PresentInVersions("v1beta2")}). Strimzi's crd-generator, which
 * defines it, is not published for 0.51.0, so deploy-tests declares the type itself to read the values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface PresentInVersions {
  /** A version range: {@code v1beta2}, {@code v1+}, {@code v1beta1-v1beta2} or {@code all}. */
  String value();
}
