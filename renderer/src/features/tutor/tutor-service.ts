/** The IPC calls behind the tutor slice. */
import { invoke } from '../../ipc/client.ts';

/** Messages per page; the contract caps a page at 200. */
export const MESSAGE_PAGE = 100;

export const tutorService = {
  listConversations: (moduleId: number) => invoke('conversations:list', { moduleId }),
  start: (moduleId: number) => invoke('conversations:start', { moduleId }),
  listMessages: (conversationId: number, before?: number) =>
    invoke('messages:list', before === undefined ? { conversationId, limit: MESSAGE_PAGE } : { conversationId, before, limit: MESSAGE_PAGE }),
  send: (conversationId: number, content: string) => invoke('messages:send', { conversationId, content }),
  rename: (id: number, title: string) => invoke('conversations:rename', { id, title }),
  finalize: (id: number) => invoke('conversations:finalize', { id }),
  remove: (id: number) => invoke('conversations:delete', { id }),
  exportConversation: (conversationId: number, format: 'markdown' | 'json') => invoke('conversations:export', { conversationId, format }),
  replyContext: (messageId: number) => invoke('messages:context', { messageId }),
  currentContext: (conversationId: number) => invoke('memory:context', { conversationId }),
};
