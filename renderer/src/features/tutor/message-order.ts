/** Messages are kept oldest first, unique by id, whatever order pages arrive in. */
import type { Message } from '../../../../src/shared/domain.ts';

export function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  const byId = new Map<number, Message>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
