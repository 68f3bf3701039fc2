/**
 * The whole journey in a real browser against the real server, one step per test (they share
 * one server and one page, in order):
 *
 *   first run (classroom) → the admin turns on self sign-up → a new learner registers, does
 *   the onboarding survey, opens "Your Four Worlds" and converses until a concept is mastered
 *   (answering the tutor with the persona's strong answers for the current concept — the
 *   built-in tutor is deterministic), sees it in progress and in memory, signs out → the admin
 *   creates a teacher account → the teacher signs in and finds the learner in the class grid.
 *
 * On every main screen: a screenshot in test-results/screenshots/ and axe-core with no serious
 * or critical violation.
 *
 * Why classroom mode and self sign-up: the class grid lists accounts with the learner role,
 * and the first account of a fresh install is always an admin — so the learner who shows up in
 * the teacher's grid is a learner account created after first run.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersona } from '../fixtures/personas/persona-schema.ts';
import { navTo, openPage, screenshot, seriousA11yViolations, startServer, submitFirstRunSetup, type HarvServer } from './harness.ts';

const persona = loadPersona('01-your-four-worlds.json');

const ADMIN = { name: 'Ada Admin', email: 'admin@example.org', password: 'admin password 1' };
const LEARNER = { name: 'Lee Learner', email: 'lee@example.org', password: 'learner password 1' };
const TEACHER = { name: 'Tess Teacher', email: 'tess@example.org', password: 'teacher password 1' };

let server: HarvServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: { errors: string[] };
const a11yReport: Record<string, string[]> = {};

/** Screenshot and accessibility check of the screen now showing. */
async function checkScreen(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  const violations = await seriousA11yViolations(page);
  a11yReport[name] = violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(a11yReport[name], `axe on ${name}`).toEqual([]);
}

async function signIn(user: { email: string; password: string }): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

const nav = (name: string) => navTo(page, name);

/** Staff go straight to the library: the learner's onboarding survey is not theirs to answer. */
async function expectLibraryWithoutOnboarding(): Promise<void> {
  await page.getByRole('heading', { name: 'Modules', level: 1 }).waitFor();
  expect(await page.getByRole('heading', { name: 'Tell Harv how you like to learn' }).count()).toBe(0);
}

beforeAll(async () => {
  server = await startServer();
  ({ browser, context, page, pageErrors } = await openPage());
});

afterAll(async () => {
  console.log('axe (serious/critical) per screen:', JSON.stringify(a11yReport, null, 2));
  if (pageErrors?.errors.length) console.log('browser errors:', pageErrors.errors);
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('Harv in the browser: the learner and teacher journey', () => {
  it('first run: sets Harv up for a classroom and creates the admin account', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Harv' }).waitFor();
    await checkScreen('01-setup');
    await submitFirstRunSetup(page, 'Classroom', ADMIN);
    await expectLibraryWithoutOnboarding();
    await page.getByText(`Signed in as ${ADMIN.name}`).waitFor();
  });

  it('the admin turns on self sign-up in the settings, then signs out', async () => {
    await nav('Settings');
    await page.getByLabel(/Let people create their own learner accounts/).check();
    await page.getByRole('button', { name: 'Save app settings' }).click();
    await page.getByRole('status').getByText('App settings saved.').waitFor();
    await checkScreen('02-settings-admin');
    await signOut();
    // The sign-in screen keeps nothing of the admin.
    expect(await page.locator('body').innerText()).not.toContain(ADMIN.name);
  });

  it('a new learner registers and completes the onboarding survey', async () => {
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill(LEARNER.name);
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill(LEARNER.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Tell Harv how you like to learn' }).waitFor();
    await expect(page.getByText('Step 1 of 5').isVisible()).resolves.toBe(true);
    await checkScreen('03-onboarding');
    await page.getByLabel(/Why are you learning/).fill('I want to understand how media shape what I believe.');
    await page.getByLabel(/What would you like to be able/).fill('Spot where my picture of the world comes from.');
    await page.getByLabel('High').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 2 of 5').waitFor();
    await page.getByLabel('Being asked questions').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 3 of 5').waitFor();
    await page.getByLabel('A little').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 4 of 5').waitFor();
    await page.getByLabel('Steady').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 5 of 5').waitFor();
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { name: 'Modules', level: 1 }).waitFor();
  });

  it('the library shows the modules with objectives, time and progress', async () => {
    const card = page.locator('li.module-card', { has: page.getByRole('heading', { name: 'Your Four Worlds', level: 2 }) });
    await card.waitFor();
    expect(await card.getByText(/About \d+ min/).count()).toBe(1);
    expect(await card.getByRole('progressbar').count()).toBe(1);
    await checkScreen('04-library');
    await card.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Your Four Worlds', level: 1 }).waitFor();
  });

  it('converses with the tutor until a concept is mastered', async () => {
    // A module with no conversation yet opens straight into its first one.
    const assistant = page.locator('.message--assistant');
    await assistant.first().waitFor();
    const composer = page.getByLabel('Your reply');
    const concept = (slug: string) => page.locator(`.concept[data-concept-slug="${slug}"]`);
    const firstSlug = await page.locator('.concept').first().getAttribute('data-concept-slug');
    expect(firstSlug).toBeTruthy();

    const transcript: string[] = [`tutor: ${await assistant.last().innerText()}`];
    let mastered = false;
    for (let turn = 0; turn < 20 && !mastered; turn++) {
      // The current concept is the first one not yet mastered, in teaching order.
      const current = await page.locator('.concept[data-mastered="false"]').first().getAttribute('data-concept-slug');
      const answers = persona.concepts[current ?? ''];
      if (!answers) throw new Error(`No persona answers for concept ${current}`);
      const answer = answers.strong[turn % answers.strong.length] ?? '';
      const before = await assistant.count();
      await composer.fill(answer);
      await composer.press('Enter');
      transcript.push(`learner (${current}): ${answer}`);
      await page.getByTestId('thinking').waitFor({ state: 'hidden' });
      await page.waitForFunction((n) => document.querySelectorAll('.message--assistant').length > n, before);
      transcript.push(`tutor: ${await assistant.last().innerText()}`);
      await page.waitForLoadState('networkidle');
      mastered = (await concept(firstSlug ?? '').getAttribute('data-mastered')) === 'true';
    }
    console.log(transcript.join('\n\n'));
    expect(mastered, `"${firstSlug}" mastered within 20 turns`).toBe(true);
    await checkScreen('05-tutor');

    // The memory the tutor used for its latest reply.
    await page.getByRole('button', { name: 'Memory used for this reply' }).last().click();
    const panel = page.getByRole('complementary', { name: 'Memory the tutor used' });
    await panel.getByRole('heading', { name: 'About you' }).waitFor();
    await checkScreen('06-tutor-memory-panel');
    await panel.getByRole('button', { name: 'Close' }).click();

    // Finishing the conversation makes the tutor write its summary to memory.
    await page.getByRole('button', { name: 'Finish conversation' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('This conversation is finished').waitFor();
  });

  it('sees the mastered concept in progress', async () => {
    await nav('Progress');
    await page.getByRole('heading', { name: 'Overall' }).waitFor();
    const module = page.locator('.progress-module[data-module-slug="your-four-worlds"]');
    await module.getByRole('button', { name: 'Show concepts' }).click();
    await module.getByRole('table').getByText('Mastered').first().waitFor();
    expect(await page.getByText(/^[1-9]\d* of \d+ concepts mastered$/).count()).toBeGreaterThan(0);
    await checkScreen('07-progress');
  });

  it('sees what the tutor remembers in memory', async () => {
    await nav('Memory');
    await page.getByRole('heading', { name: 'Your Four Worlds', level: 2 }).waitFor();
    expect(await page.locator('.memory-card').count()).toBeGreaterThan(0);
    await checkScreen('08-memory');
    await signOut();
    expect(await page.locator('body').innerText()).not.toContain(LEARNER.name);
  });

  it('the admin creates a teacher account', async () => {
    await signIn(ADMIN);
    await page.getByText(`Signed in as ${ADMIN.name}`).waitFor();
    await nav('Accounts');
    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Name').fill(TEACHER.name);
    await form.getByLabel('Email').fill(TEACHER.email);
    await form.getByLabel('Initial password').fill(TEACHER.password);
    await form.getByLabel('Role').selectOption('teacher');
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.locator(`tr[data-user-email="${TEACHER.email}"]`).waitFor();
    await checkScreen('09-accounts');
    await signOut();
  });

  it('the teacher signs in and finds the learner in the class grid', async () => {
    await signIn(TEACHER);
    await expectLibraryWithoutOnboarding();
    await nav('Class');
    const row = page.locator(`tr[data-learner-email="${LEARNER.email}"]`);
    await row.waitFor();
    // The module's full title is "Your Four Worlds: Perception and Communication".
    const cell = await row.getByText(/^Lee Learner, Your Four Worlds.*: \d+%$/).innerText();
    expect(Number(/(\d+)%$/.exec(cell)?.[1])).toBeGreaterThan(0);
    await checkScreen('10-class-grid');

    await row.getByRole('button', { name: LEARNER.name }).click();
    await page.getByRole('heading', { name: LEARNER.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: /^Read: / }).first().click();
    await page.locator('.learner-conversation .message--user').first().waitFor();
    await checkScreen('11-learner-drilldown');
  });

  it('the teacher opens the module editor and the content packs', async () => {
    await nav('Modules editor');
    await page.getByRole('button', { name: 'Edit Your Four Worlds' }).click();
    await page.getByRole('form', { name: 'Edit Your Four Worlds' }).waitFor();
    await checkScreen('12-module-editor');
    await nav('Content packs');
    await page.getByRole('heading', { name: 'Installed packs' }).waitFor();
    await checkScreen('13-content-packs');
  });

  it('the dark theme passes the same checks', async () => {
    await nav('Settings');
    await page.getByLabel('Dark').check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await checkScreen('14-settings-dark');
    await nav('Class');
    await page.locator(`tr[data-learner-email="${LEARNER.email}"]`).waitFor();
    await checkScreen('15-class-grid-dark');
  });

  it('logged no errors in the browser (no CSP violation, no failed resource, no exception)', () => {
    expect(pageErrors.errors).toEqual([]);
  });
});
