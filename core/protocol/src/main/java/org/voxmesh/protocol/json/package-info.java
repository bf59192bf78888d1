/**
 * The wire edge of the OpenAI Realtime protocol: the only code that turns JSON text into protocol records and
 * back.
 *
 * <pre>{@code
 * RealtimeJson json = RealtimeJson.of(Dialect.GA);            // built once, thread-safe
 *
 * switch on json.parse(frame):                                 // one parse on the success path
 *   ParseResult.Parsed p  -> p.event().accept(visitor)         // ClientEvent, validated
 *   ParseResult.Failed f  -> send(ErrorEvent.of(f.error()))    // precise code/param, client event_id echoed
 *
 * String text = json.write(InputAudioBufferCommitted.of(previousItemId, itemId));
 *
 * SessionUpdateResult r = SessionUpdates.apply(current, sessionUpdate, voiceLocked);
 * }</pre>
 *
 * <p>Event names come from the per-dialect {@link org.voxmesh.protocol.json.EventNames} table; only
 * {@link org.voxmesh.protocol.json.Dialect#GA} exists for now. Error codes are in
 * {@link org.voxmesh.protocol.error.ErrorCodes}; the Jackson → error mapping is documented on
 * {@link org.voxmesh.protocol.error.ProtocolErrors}.
 */
package org.voxmesh.protocol.json;
