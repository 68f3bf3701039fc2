/**
 * Renderer test harness: install the IPC test double, render the app or a screen, and put
 * everything back afterwards (RTL cleanup, a fresh store, the real client). Vitest runs
 * without globals here, so cleanup is registered explicitly.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, onTestFinished, vi } from 'vitest';
import { createClient, setClient } from '../ipc/client.ts';
import { createTestClient, type TestClient, type TestHandlerMap } from '../ipc/test-client.ts';
import { resetStoreForTests, useAppStore } from '../store/store.ts';
import type { User } from '../../../src/shared/domain.ts';

afterEach(() => {
  cleanup();
  resetStoreForTests();
  setClient(createClient());
  localStorage.clear();
});

export function installClient(handlers: TestHandlerMap = {}): TestClient {
  const client = createTestClient(handlers);
  setClient(client);
  return client;
}

/** A signed-in store without going through boot, for screen tests. */
export function signInAs(user: User): void {
  useAppStore.setState({
    appInfo: { name: 'Harv', version: '0.1.0', usageMode: 'personal', setupDone: true, selfSignUp: false },
    bootStatus: 'ready',
    user,
    onboardingStatus: 'ready',
  });
}

export function renderUi(ui: ReactElement): RenderResult {
  return render(ui);
}

/** A file the app handed to the browser to save (ui/download.ts), caught instead of saved. */
export interface CapturedDownload {
  name: string;
  type: string;
  text(): Promise<string>;
}

/**
 * Catches the app's Blob downloads for the rest of the test: each file's name, type and
 * content, so a test can check what the user would find in the saved file.
 */
export function captureDownloads(): CapturedDownload[] {
  const files: CapturedDownload[] = [];
  const blobs = new Map<string, Blob>();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:harv/${blobs.size + 1}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute('href') ?? '');
    if (blob) files.push({ name: this.download, type: blob.type, text: () => blob.text() });
  });
  onTestFinished(() => click.mockRestore());
  return files;
}

/** A promise the test resolves by hand, to hold a call "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
