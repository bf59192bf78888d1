package org.voxmesh.session.conversation;

import java.util.ArrayList;
import java.util.List;
import org.voxmesh.protocol.item.ContentPart;
import org.voxmesh.protocol.item.Item;
import org.voxmesh.protocol.item.Role;
import org.voxmesh.protocol.session.ToolChoice;
import org.voxmesh.protocol.session.WireEnums.ToolChoiceMode;
import org.voxmesh.speech.responder.Tool;
import org.voxmesh.speech.responder.Turn;

/** Maps protocol items, tools and tool choice onto the responder SPI's own small types. */
final class ResponderInput {

  private ResponderInput() {}

  static List<Turn> turns(List<Item> items) {
    List<Turn> turns = new ArrayList<>();
    for (Item item : items) {
      if (item instanceof Item.Message message) {
        for (ContentPart part : message.content()) {
          Turn turn = turn(message.role(), part);
          if (turn != null) {
            turns.add(turn);
          }
        }
      } else if (item instanceof Item.FunctionCall call) {
        turns.add(new Turn.FunctionCall(call.callId(), call.name(), call.arguments()));
      } else if (item instanceof Item.FunctionCallOutput output) {
        turns.add(new Turn.FunctionCallOutput(output.callId(), output.output()));
      }
    }
    return turns;
  }

  private static Turn turn(Role role, ContentPart part) {
    if (part instanceof ContentPart.InputText t) {
      return role == Role.SYSTEM ? new Turn.SystemText(t.text())
          : role == Role.ASSISTANT ? new Turn.AssistantText(t.text()) : new Turn.UserText(t.text());
    } else if (part instanceof ContentPart.InputAudio a) {
      return a.transcript() == null || a.transcript().isBlank() ? null : new Turn.UserAudio(a.transcript());
    } else if (part instanceof ContentPart.InputImage image) {
      String mime = image.imageUrl().startsWith("data:") ? image.imageUrl().substring(5, image.imageUrl().indexOf(';') > 5
          ? image.imageUrl().indexOf(';') : 5) : null;
      return new Turn.UserImage(image.imageUrl(), mime == null || mime.isEmpty() ? null : mime,
          image.detail() == null ? null : image.detail().wire());
    } else if (part instanceof ContentPart.OutputText t) {
      return new Turn.AssistantText(t.text());
    } else if (part instanceof ContentPart.OutputAudio a) {
      // Kept even when truncated to nothing: the turn still separates the user turns around it.
      return new Turn.AssistantText(a.transcript() == null ? "" : a.transcript());
    }
    return null;
  }

  static List<Tool> tools(List<org.voxmesh.protocol.session.Tool> tools) {
    List<Tool> out = new ArrayList<>();
    if (tools != null) {
      for (var tool : tools) {
        if (tool instanceof org.voxmesh.protocol.session.Tool.Function f) {
          out.add(new Tool(f.name(), f.description(), f.parameters() == null ? null : f.parameters().toString()));
        }
      }
    }
    return out;
  }

  static org.voxmesh.speech.responder.ToolChoice toolChoice(ToolChoice choice) {
    if (choice instanceof ToolChoice.Function f) {
      return org.voxmesh.speech.responder.ToolChoice.function(f.name());
    } else if (choice instanceof ToolChoice.Mode m) {
      return m.mode() == ToolChoiceMode.NONE ? org.voxmesh.speech.responder.ToolChoice.NONE
          : m.mode() == ToolChoiceMode.REQUIRED ? org.voxmesh.speech.responder.ToolChoice.REQUIRED
          : org.voxmesh.speech.responder.ToolChoice.AUTO;
    }
    return org.voxmesh.speech.responder.ToolChoice.AUTO;
  }
}
