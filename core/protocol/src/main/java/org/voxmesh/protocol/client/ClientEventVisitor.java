package org.voxmesh.protocol.client;

/** Exhaustive dispatch over {@link ClientEvent}: adding an event breaks every visitor until it handles it. */
public interface ClientEventVisitor<R> {
  R sessionUpdate(SessionUpdate event);

  R inputAudioBufferAppend(InputAudioBufferAppend event);

  R inputAudioBufferCommit(InputAudioBufferCommit event);

  R inputAudioBufferClear(InputAudioBufferClear event);

  R conversationItemCreate(ConversationItemCreate event);

  R conversationItemRetrieve(ConversationItemRetrieve event);

  R conversationItemTruncate(ConversationItemTruncate event);

  R conversationItemDelete(ConversationItemDelete event);

  R responseCreate(ResponseCreate event);

  R responseCancel(ResponseCancel event);

  R outputAudioBufferClear(OutputAudioBufferClear event);
}
