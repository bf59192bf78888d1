package org.voxmesh.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.voxmesh.protocol.error.ProtocolException;
import org.voxmesh.protocol.error.Validated;

/**
 * Runs {@link Validated#validate()} on every record Jackson finishes reading and turns its
 * {@link ProtocolException} into a {@link JsonMappingException}, so that Jackson adds the record's path while the
 * exception travels up.
 */
final class ValidatingDeserializer extends DelegatingDeserializer {

  private static final long serialVersionUID = 1L;

  ValidatingDeserializer(JsonDeserializer<?> delegate) {
    super(delegate);
  }

  /** The module that wraps the bean deserializer of every {@link Validated} type. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("voxmesh-validation");
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                    JsonDeserializer<?> deserializer) {
        return Validated.class.isAssignableFrom(beanDesc.getBeanClass())
            ? new ValidatingDeserializer(deserializer) : deserializer;
      }
    });
    return module;
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
    return new ValidatingDeserializer(newDelegatee);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return check(p, super.deserialize(p, ctxt));
  }

  @Override
  public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
      throws IOException {
    return check(p, super.deserializeWithType(p, ctxt, typeDeserializer));
  }

  static Object check(JsonParser p, Object value) throws JsonMappingException {
    if (value instanceof Validated validated) {
      try {
        validated.validate();
      } catch (ProtocolException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
    return value;
  }
}
