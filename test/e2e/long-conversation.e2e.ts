/**
 * A conversation of 5,000 messages stays light in the browser: the message list is windowed,
 * so the DOM holds only the messages in view plus an overscan — a few hundred nodes at most —
 * however many are loaded, and older pages arrive as the reader scrolls up.
 *
 * The messages are seeded straight into the SQLite file in the server's data folder with
 * better-sqlite3 (the database runs in WAL mode, so this writer and the running server share
 * it safely). Only the first-run account is made through the API. Timings are measured and
 * logged, never asserted (speed is for the benchmarks).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousA11yViolations, startServer, type HarvServer } from './harness.ts';

const ADMIN = { name: 'Long Talker', email: 'long@example.org', password: 'long password 1' };
const MESSAGE_COUNT = 5000;
/** A few hundred nodes at most, whatever the length of the conversation. */
const MAX_MESSAGE_NODES = 300;

let server: HarvServer;
let browser: Browser;
let page: Page;
let pageErrors: { errors: string[] };

function seedConversation(dataDir: string): { conversationId: number; firstId: number; lastId: number } {
  const db = new Database(join(dataDir, 'harv.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const user = db.prepare('SELECT id FROM users WHERE email = ?').get(ADMIN.email) as { id: number };
    const module = db.prepare("SELECT id FROM modules WHERE slug = 'your-four-worlds'").get() as { id: number };
    const start = Date.parse('2026-01-01T09:00:00.000Z');
    const at = (i: number) => new Date(start + i * 30_000).toISOString();
    const conversationId = Number(
      db
        .prepare("INSERT INTO conversations (user_id, module_id, title, status, created_at, updated_at) VALUES (?, ?, 'A very long conversation', 'active', ?, ?)")
        .run(user.id, module.id, at(0), new Date().toISOString()).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO messages (conversation_id, role, content, created_at) VALUES (?, ?, ?, ?)');
    let firstId = 0;
    let lastId = 0;
    db.transaction(() => {
      for (let i = 0; i < MESSAGE_COUNT; i++) {
        const role = i % 2 === 0 ? 'assistant' : 'user';
        // Mixed lengths, so the list measures items of different heights.
        const content =
          i % 7 === 0
            ? `Message ${i + 1}. **A longer turn** with a list:\n\n- one idea about media\n- another idea about perception\n\nAnd a closing question, number ${i + 1}?`
            : `Message ${i + 1}: ${role === 'user' ? 'my answer about where my picture of the world comes from' : 'where did that picture come from?'}`;
        const id = Number(insert.run(conversationId, role, content, at(i + 1)).lastInsertRowid);
        if (i === 0) firstId = id;
        lastId = id;
      }
    })();
    return { conversationId, firstId, lastId };
  } finally {
    db.close();
  }
}

async function renderedIds(): Promise<number[]> {
  return page.$$eval('[data-message-id]', (els) => els.map((el) => Number(el.getAttribute('data-message-id'))).filter((n) => n < Number.MAX_SAFE_INTEGER));
}

/** Scroll the list to `top` and wait two frames: the time the reader waits for a new view. */
async function timedScroll(top: 'top' | 'middle' | number): Promise<number> {
  return page.evaluate(async (where) => {
    const el = document.querySelector('[data-testid="message-scroll"]') as HTMLElement;
    const t0 = performance.now();
    el.scrollTop = where === 'top' ? 0 : where === 'middle' ? el.scrollHeight / 2 : where;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, top);
}

beforeAll(async () => {
  server = await startServer();
  ({ browser, page, pageErrors } = await openPage());
});

afterAll(async () => {
  if (pageErrors?.errors.length) console.log('browser errors:', pageErrors.errors);
  await browser?.close();
  await server?.stop();
});

describe('a conversation of 5,000 messages', () => {
  it('renders a few hundred message nodes at most, loads older pages on scroll, and still takes a new message at the bottom', async () => {
    const setup = await fetch(`${server.url}/api/app:setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'personal', admin: ADMIN }),
    });
    expect(((await setup.json()) as { ok: boolean }).ok).toBe(true);
    const seeded = seedConversation(server.dataDir);

    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    const card = page.locator('li.module-card', { has: page.getByRole('heading', { name: 'Your Four Worlds', level: 2 }) });
    await card.getByRole('button').click();

    // The most recent conversation opens at its newest message.
    await page.locator(`[data-message-id="${seeded.lastId}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    let ids = await renderedIds();
    console.log(`opened: ${ids.length} message nodes rendered`);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(MAX_MESSAGE_NODES);

    // Scroll up repeatedly: each time near the top, the next older page (100) arrives.
    const scrollTimes: number[] = [];
    let oldestSeen = Math.min(...ids);
    for (let i = 0; i < 12; i++) {
      scrollTimes.push(await timedScroll('top'));
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(50);
      ids = await renderedIds();
      expect(ids.length).toBeLessThanOrEqual(MAX_MESSAGE_NODES);
      oldestSeen = Math.min(oldestSeen, ...ids);
    }
    const loaded = await page.evaluate(() => (document.querySelector('.message-list__content') as HTMLElement).style.height);
    console.log(`after 12 scrolls up: oldest rendered id ${oldestSeen} (first is ${seeded.firstId}), content height ${loaded}`);
    // Older pages came in: messages well before the first page of 100 have been on screen.
    expect(oldestSeen).toBeLessThan(seeded.lastId - 500);

    // Jump around the loaded part: the window follows, the DOM stays small.
    for (const where of ['middle', 0, 'middle'] as const) {
      scrollTimes.push(await timedScroll(where));
      ids = await renderedIds();
      expect(ids.length).toBeLessThanOrEqual(MAX_MESSAGE_NODES);
      // Rendered messages are one contiguous run.
      const sorted = [...ids].sort((a, b) => a - b);
      expect((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)).toBeLessThan(MAX_MESSAGE_NODES);
    }

    const listNodes = await page.evaluate(() => document.querySelectorAll('[data-testid="message-scroll"] *').length);
    const allNodes = await page.evaluate(() => document.querySelectorAll('*').length);
    const sortedTimes = [...scrollTimes].sort((a, b) => a - b);
    console.log(
      `DOM: ${listNodes} nodes in the message list, ${allNodes} in the page; scroll + 2 frames: median ${sortedTimes[Math.floor(sortedTimes.length / 2)]?.toFixed(1)} ms, max ${sortedTimes.at(-1)?.toFixed(1)} ms over ${sortedTimes.length} scrolls`,
    );
    expect(listNodes).toBeLessThan(3000);

    // Still usable with all of it loaded: a message sent now lands at the bottom, the tutor's reply right after it.
    await page.getByLabel('Your reply').fill('Mostly from the news my family watches');
    await page.getByLabel('Your reply').press('Enter');
    const sent = page.locator('article.message--user', { hasText: 'Mostly from the news my family watches' });
    await sent.waitFor();
    const sentId = Number(await sent.getAttribute('data-message-id'));
    expect(sentId).toBeGreaterThan(seeded.lastId);
    await page.locator(`article.message--assistant[data-message-id="${sentId + 1}"]`).waitFor();
    expect(Math.max(...(await renderedIds()))).toBe(sentId + 1);

    await screenshot(page, '20-long-conversation');
    const violations = await seriousA11yViolations(page);
    expect(violations.map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);
    expect(pageErrors.errors).toEqual([]);
  });
});
