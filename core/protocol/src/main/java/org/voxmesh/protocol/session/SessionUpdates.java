package org.voxmesh.protocol.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.voxmesh.protocol.client.SessionUpdate;
import org.voxmesh.protocol.error.ErrorCodes;
import org.voxmesh.protocol.error.ProtocolErrors;
import org.voxmesh.protocol.error.RealtimeError;
import org.voxmesh.protocol.json.Mappers;

/**
 * {@code session.update} semantics (REALTIME_PROTOCOL.md §5.1): the {@code session} object is a partial patch on
 * the current effective config.
 *
 * <ul>
 *   <li>{@code type} is required and must equal the session's type (no realtime ↔ transcription switch).</li>
 *   <li>Objects merge recursively; arrays replace; an explicit {@code null} clears (nullable keys become null,
 *       keys with a default go back to it). An object whose discriminator ({@code type}, or {@code id} for
 *       {@code prompt}/voice) changes replaces the old one instead of merging into it, so switching
 *       {@code server_vad} → {@code semantic_vad} or {@code audio/pcm} → {@code audio/pcmu} starts from that
 *       variant's defaults.</li>
 *   <li>The merged tree is read back strictly into the config record, which validates everything: unknown keys
 *       ({@code unknown_parameter}, full dotted path such as {@code session.tools[0].meta}), wrong types, enums
 *       and ranges, each with its precise code.</li>
 *   <li>Immutable: {@code model} (accepted when unchanged, as agents-js re-sends it), the voice once the session
 *       produced audio ({@code voiceLocked}), {@code tracing} once set (re-sending the same value is fine).
 *       Response-only keys ({@code id}, {@code object}, {@code expires_at}) are unknown parameters.</li>
 *   <li>On any error nothing is applied.</li>
 * </ul>
 *
 * <p>The same function turns a request-side config (client secrets, {@code /calls}) into an effective one:
 * apply it to the initial config of its type.
 */
public final class SessionUpdates {

  private static final JsonMapper MAPPER = Mappers.newStrictMapper();
  private static final List<String> TYPES = List.of(SessionConfig.REALTIME, SessionConfig.TRANSCRIPTION);
  private static final List<String> RESPONSE_ONLY = List.of("id", "object", "expires_at");
  private static final List<String> DISCRIMINATORS = List.of("type", "id");
  private static final String PREFIX = "session";

  private SessionUpdates() {}

  /** Applies a client {@code session.update}; errors echo its {@code event_id}. The voice is not locked. */
  public static SessionUpdateResult apply(SessionConfig current, SessionUpdate update) {
    return apply(current, update.session(), false, update.eventId());
  }

  /** Applies a client {@code session.update}; {@code voiceLocked} once the session produced audio output. */
  public static SessionUpdateResult apply(SessionConfig current, SessionUpdate update, boolean voiceLocked) {
    return apply(current, update.session(), voiceLocked, update.eventId());
  }

  /** Applies a {@code session} patch without event id (voice not locked). */
  public static SessionUpdateResult apply(SessionConfig current, JsonNode sessionPatch) {
    return apply(current, sessionPatch, false, null);
  }

  /**
   * Applies a {@code session} patch to {@code current}.
   *
   * @param current       the effective config
   * @param sessionPatch  the {@code session} object of the update
   * @param voiceLocked   true once the session produced audio: the voice can no longer change
   * @param clientEventId echoed in {@code error.event_id}; may be null
   */
  public static SessionUpdateResult apply(SessionConfig current, JsonNode sessionPatch, boolean voiceLocked,
                                          String clientEventId) {
    requireNonNull(current, "current");
    RealtimeError precheck = precheck(current, sessionPatch);
    if (precheck != null) {
      return new SessionUpdateResult.Rejected(precheck.withEventId(clientEventId));
    }
    ObjectNode patch = ((ObjectNode) sessionPatch).deepCopy();
    if (current instanceof RealtimeSessionConfig realtime && patch.has("model")) {
      JsonNode model = patch.get("model");
      if (model.isNull()) {
        patch.remove("model");
      } else if (!model.isTextual()) {
        return reject(ProtocolErrors.invalidType("model", "a string", ProtocolErrors.describe(model))
            .toError(PREFIX, clientEventId));
      } else if (realtime.model() != null && !realtime.model().equals(model.textValue())) {
        return reject(ProtocolErrors.invalidValue("model", "Invalid value: '" + model.textValue()
            + "'. The model of a session cannot be changed after it was created (current model: '"
            + realtime.model() + "').").toError(PREFIX, clientEventId));
      }
    }

    ObjectNode base = MAPPER.valueToTree(current);
    base.remove("object");
    JsonNode merged = merge(base, patch);
    SessionConfig next;
    try {
      // the tree parser is deliberately left open: it holds no resources, and an exception still points at it
      // (ProtocolErrors reads the offending token from it to say what the client sent)
      ObjectReader reader = MAPPER.readerFor(current.getClass());
      next = reader.readValue(MAPPER.treeAsTokens(merged));
    } catch (JsonProcessingException e) {
      return reject(ProtocolErrors.fromJackson(e, PREFIX, clientEventId, null,
          ProtocolErrors.TypeIdNames.ANNOTATED));
    } catch (IOException e) {
      return reject(RealtimeError.serverError("The server failed to apply the session update: " + e)
          .withEventId(clientEventId));
    }

    if (voiceLocked && current instanceof RealtimeSessionConfig before && next instanceof RealtimeSessionConfig after
        && !before.audio().output().voice().equals(after.audio().output().voice())) {
      return reject(new RealtimeError(ErrorCodes.INVALID_REQUEST_ERROR, ErrorCodes.CANNOT_UPDATE_VOICE,
          "Cannot update a conversation's voice if assistant audio is present.", "session.audio.output.voice",
          clientEventId));
    }
    if (current instanceof RealtimeSessionConfig before && next instanceof RealtimeSessionConfig after
        && before.tracing() != null && !Objects.equals(before.tracing(), after.tracing())) {
      return reject(ProtocolErrors.invalidParameter("tracing",
          "Tracing configuration cannot be modified once it has been set.").toError(PREFIX, clientEventId));
    }
    return new SessionUpdateResult.Applied(next);
  }

  /** The type checks and response-only keys, before any merging. */
  private static RealtimeError precheck(SessionConfig current, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return ProtocolErrors.invalidType("", "an object", ProtocolErrors.describe(patch)).toError(PREFIX, null);
    }
    JsonNode type = patch.get("type");
    if (type == null || type.isNull()) {
      return ProtocolErrors.missingRequired("type").toError(PREFIX, null);
    }
    if (!type.isTextual()) {
      return ProtocolErrors.invalidType("type", "a string", ProtocolErrors.describe(type)).toError(PREFIX, null);
    }
    if (!TYPES.contains(type.textValue())) {
      return ProtocolErrors.invalidValue("type", type.textValue(), TYPES).toError(PREFIX, null);
    }
    if (!type.textValue().equals(current.sessionType())) {
      return ProtocolErrors.invalidParameter("type", "Passing a " + type.textValue()
          + " session update event to a " + current.sessionType() + " session is not allowed.")
          .toError(PREFIX, null);
    }
    for (String key : RESPONSE_ONLY) {
      if (patch.has(key)) {
        return ProtocolErrors.unknownParameter(key).toError(PREFIX, null);
      }
    }
    return null;
  }

  /** Deep merge: objects recursively (unless their discriminator changes), everything else replaces. */
  static JsonNode merge(JsonNode base, JsonNode patch) {
    if (patch.isObject() && base != null && base.isObject() && sameVariant(base, patch)) {
      ObjectNode out = ((ObjectNode) base).deepCopy();
      Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.set(field.getKey(), merge(base.get(field.getKey()), field.getValue()));
      }
      return out;
    }
    return patch.deepCopy();
  }

  private static boolean sameVariant(JsonNode base, JsonNode patch) {
    for (String key : DISCRIMINATORS) {
      JsonNode b = base.get(key);
      JsonNode p = patch.get(key);
      if (p != null && b != null && !p.equals(b)) {
        return false;
      }
    }
    return true;
  }

  private static SessionUpdateResult reject(RealtimeError error) {
    return new SessionUpdateResult.Rejected(error);
  }
}
