/**
 * The wire edge of the OpenAI Realtime protocol: the only code that turns JSON text into protocol records and
 * back.
 *
 * <pre>{@code
 * RealtimeJson json = RealtimeJson.of(dialect);               // GA or BETA, per connection; built once, thread-safe
 *
 * switch on json.parse(frame):                                 // one parse on the success path
 *   ParseResult.Parsed p  -> p.event().accept(visitor)         // ClientEvent (GA record in both dialects), validated
 *   ParseResult.Failed f  -> send(ErrorEvent.of(f.error()))    // precise code/param, client event_id echoed
 *
 * json.writeIfEmitted(ConversationItemDone.of(prev, item))     // Optional.empty() in beta: send nothing
 *     .ifPresent(socket::writeTextMessage);
 * String text = json.write(InputAudioBufferCommitted.of(previousItemId, itemId));   // exists in both dialects
 *
 * SessionUpdateResult r = SessionUpdates.apply(current, sessionUpdate, voiceLocked); // beta updates arrive as GA
 * }</pre>
 *
 * <p>Event names come from the per-dialect {@link org.voxmesh.protocol.json.EventNames} table. The records are
 * always GA; {@link org.voxmesh.protocol.json.BetaAdapter} is the single place that converts beta shapes (flat
 * session, {@code text}/{@code audio} item parts, beta response fields, {@code transcription_session.*}) to and
 * from them. The session emits the GA event sequence unconditionally and writes every event with
 * {@link org.voxmesh.protocol.json.RealtimeJson#writeIfEmitted}: events absent from the connection's dialect
 * ({@code conversation.item.done}, {@code input_audio_buffer.timeout_triggered}, transcription segments in beta;
 * {@code conversation.created} in GA) come back empty, so a GA client never sees a beta name and a beta client
 * never sees a GA-only one. Error codes are in {@link org.voxmesh.protocol.error.ErrorCodes}; the Jackson → error
 * mapping is documented on {@link org.voxmesh.protocol.error.ProtocolErrors}.
 */
package org.voxmesh.protocol.json;
