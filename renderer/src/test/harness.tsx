/**
 * Renderer test harness: install the IPC test double, render the app or a screen, and put
 * everything back afterwards (RTL cleanup, a fresh store, the real client). Vitest runs
 * without globals here, so cleanup is registered explicitly.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
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

/** A promise the test resolves by hand, to hold a call "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
