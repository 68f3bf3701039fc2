/**
 * The journey exactly as a learner at home lives it: the learner sets Harv up (personal use:
 * the first account is an admin who also learns), completes onboarding, opens "Your Four
 * Worlds" and converses until a concept is mastered, sees it in progress and in memory, adds a
 * teacher account (a parent or tutor) and signs out; the teacher signs in and finds the
 * learner in the class grid.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersona } from '../fixtures/personas/persona-schema.ts';
import { navTo, openPage, screenshot, seriousA11yViolations, startServer, submitFirstRunSetup, type HarvServer } from './harness.ts';

const persona = loadPersona('01-your-four-worlds.json');
const LEARNER = { name: 'Sam Self', email: 'sam@example.org', password: 'sam password 1' };
const TEACHER = { name: 'Pat Parent', email: 'pat@example.org', password: 'pat password 1' };

let server: HarvServer;
let browser: Browser;
let page: Page;
let pageErrors: { errors: string[] };

const nav = (name: string) => navTo(page, name);

beforeAll(async () => {
  server = await startServer();
  ({ browser, page, pageErrors } = await openPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a learner who sets Harv up at home, and the teacher who follows them', () => {
  it('the learner sets Harv up for personal use and completes onboarding', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Harv' }).waitFor();
    await submitFirstRunSetup(page, 'Personal use', LEARNER);

    await page.getByRole('heading', { name: 'Tell Harv how you like to learn' }).waitFor();
    await page.getByLabel(/What would you like to be able/).fill('Understand where my picture of the world comes from.');
    for (let step = 1; step < 5; step++) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText(`Step ${step + 1} of 5`).waitFor();
    }
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { name: 'Modules', level: 1 }).waitFor();
  });

  it('opens Your Four Worlds and converses until a concept is mastered', async () => {
    const card = page.locator('li.module-card', { has: page.getByRole('heading', { name: 'Your Four Worlds', level: 2 }) });
    await card.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Your Four Worlds', level: 1 }).waitFor();
    // A module with no conversation yet opens straight into its first one.
    const assistant = page.locator('.message--assistant');
    await assistant.first().waitFor();
    // The opening greets the learner and says back the goal they gave in onboarding.
    const opening = await assistant.first().innerText();
    expect(opening).toMatch(/Sam/);
    expect(opening).toContain('Understand where my picture of the world comes from');
    const firstSlug = await page.locator('.concept').first().getAttribute('data-concept-slug');
    const composer = page.getByLabel('Your reply');
    let mastered = false;
    for (let turn = 0; turn < 20 && !mastered; turn++) {
      const current = await page.locator('.concept[data-mastered="false"]').first().getAttribute('data-concept-slug');
      const answers = persona.concepts[current ?? '']!.strong;
      const before = await assistant.count();
      await composer.fill(answers[turn % answers.length]!);
      await composer.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.message--assistant').length > n, before);
      await page.waitForLoadState('networkidle');
      mastered = (await page.locator(`.concept[data-concept-slug="${firstSlug}"]`).getAttribute('data-mastered')) === 'true';
    }
    expect(mastered).toBe(true);
    await page.getByRole('button', { name: 'Finish conversation' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('This conversation is finished').waitFor();
  });

  it('sees the concept in progress and what was learned in memory', async () => {
    await nav('Progress');
    const module = page.locator('.progress-module[data-module-slug="your-four-worlds"]');
    await module.getByRole('button', { name: 'Show concepts' }).click();
    await module.getByRole('table').getByText('Mastered').first().waitFor();
    await nav('Memory');
    await page.getByRole('heading', { name: 'Your Four Worlds', level: 2 }).waitFor();
    expect(await page.locator('.memory-card').count()).toBeGreaterThan(0);
  });

  it('adds a teacher account and signs out, leaving nothing of theirs on screen', async () => {
    await nav('Settings');
    await page.getByRole('button', { name: 'Manage accounts' }).click();
    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Name').fill(TEACHER.name);
    await form.getByLabel('Email').fill(TEACHER.email);
    await form.getByLabel('Initial password').fill(TEACHER.password);
    await form.getByLabel('Role').selectOption('teacher');
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.locator(`tr[data-user-email="${TEACHER.email}"]`).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(LEARNER.name);
  });

  it('the teacher signs in and finds the learner in the class grid', async () => {
    await page.getByLabel('Email').fill(TEACHER.email);
    await page.getByLabel('Password').fill(TEACHER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // A teacher is not asked the learner's onboarding questions.
    await page.getByRole('heading', { name: 'Modules', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tell Harv how you like to learn' }).count()).toBe(0);
    await nav('Class');
    const row = page.locator(`tr[data-learner-email="${LEARNER.email}"]`);
    await row.waitFor();
    const cell = await row.getByText(new RegExp(`^${LEARNER.name}, Your Four Worlds.*: \\d+%$`)).innerText();
    expect(Number(/(\d+)%$/.exec(cell)?.[1])).toBeGreaterThan(0);
    await screenshot(page, '20-class-grid-personal-use');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(pageErrors.errors).toEqual([]);
  });
});
