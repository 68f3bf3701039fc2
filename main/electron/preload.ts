/**
 * The preload: the renderer's only bridge to main. It exposes exactly one function,
 * `window.harv.invoke(channel, input)`, never ipcRenderer itself, so a compromised page
 * can call the validated, authorized channels and nothing else (test/electron pins this).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL } from './ipc-channel.ts';

const bridge = {
  invoke: (channel: string, input: unknown): Promise<unknown> => {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
};

contextBridge.exposeInMainWorld('harv', Object.freeze(bridge));
