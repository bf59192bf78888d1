package org.voxmesh.session.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.voxmesh.protocol.item.Item;

/**
 * The default conversation of a session: items in order, each with audio kept alongside (items
 * carry no audio bytes; {@code conversation.item.retrieve} adds them back). Bounded: beyond
 * {@code maxItems} the oldest items are dropped, as a context window would.
 */
public final class Conversation {

  /** An item and where it sits. */
  public record Entry(Item item, String previousItemId) {}

  private final int maxItems;
  private final List<Item> items = new ArrayList<>();

  public Conversation(int maxItems) {
    this.maxItems = maxItems;
  }

  /** The id of the last item, or null when empty. */
  public String lastItemId() {
    return items.isEmpty() ? null : items.get(items.size() - 1).id();
  }

  public boolean contains(String itemId) {
    return indexOf(itemId) >= 0;
  }

  public Optional<Item> find(String itemId) {
    int i = indexOf(itemId);
    return i < 0 ? Optional.empty() : Optional.of(items.get(i));
  }

  /**
   * Adds an item after {@code previousItemId} ("root" = at the start; null = at the end).
   *
   * @return where it landed, or empty when {@code previousItemId} names no item
   */
  public Optional<Entry> insert(Item item, String previousItemId) {
    int at;
    if (previousItemId == null) {
      at = items.size();
    } else if (previousItemId.equals("root")) {
      at = 0;
    } else {
      int previous = indexOf(previousItemId);
      if (previous < 0) {
        return Optional.empty();
      }
      at = previous + 1;
    }
    items.add(at, item);
    if (items.size() > maxItems) {
      items.remove(0);
      at--;
    }
    return Optional.of(new Entry(item, at > 0 ? items.get(at - 1).id() : null));
  }

  /** Replaces an item in place (same id), e.g. when its transcript arrives. */
  public void replace(Item item) {
    int i = indexOf(item.id());
    if (i >= 0) {
      items.set(i, item);
    }
  }

  /** The id of the item before {@code itemId}, or null when it is first (or unknown). */
  public String previousOf(String itemId) {
    int i = indexOf(itemId);
    return i > 0 ? items.get(i - 1).id() : null;
  }

  public boolean delete(String itemId) {
    int i = indexOf(itemId);
    if (i < 0) {
      return false;
    }
    items.remove(i);
    return true;
  }

  /** All items, oldest first. */
  public List<Item> items() {
    return List.copyOf(items);
  }

  private int indexOf(String itemId) {
    for (int i = items.size() - 1; i >= 0; i--) {
      if (items.get(i).id().equals(itemId)) {
        return i;
      }
    }
    return -1;
  }
}
