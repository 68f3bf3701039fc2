/**
 * Registers the dispatcher on Electron IPC. The session lives here, per window (per
 * webContents): it never reaches renderer JavaScript, and closing the window forgets it.
 */
import type { IpcMain, WebContents } from 'electron';
import type { Dispatcher, TransportContext } from '../ipc/dispatcher.ts';
import { INVOKE_CHANNEL } from './ipc-channel.ts';
import { isAppUrl } from './security.ts';

export function registerIpc(ipcMain: IpcMain, dispatcher: Dispatcher): { forget(contents: Pick<WebContents, 'id'>): void } {
  const sessions = new Map<number, string>();
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    // Only the app's own page may call in (not a frame or a page navigated elsewhere).
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Harv window.' } };
    }
    const id = event.sender.id;
    const transport: TransportContext = {
      sessionToken: sessions.get(id) ?? null,
      clientKey: `window:${id}`,
      isLocal: true,
      setSession(token) {
        if (token) sessions.set(id, token);
        else sessions.delete(id);
      },
    };
    return dispatcher.dispatch(typeof channel === 'string' ? channel : '', input, transport);
  });
  return {
    forget(contents) {
      sessions.delete(contents.id);
    },
  };
}
