import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type Harness } from '../../../test/helpers/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ bundledPack: false });
});
afterEach(async () => {
  await h.dispose();
});

describe('onboarding:save', () => {
  it('keeps answers left out, clears those emptied, and stamps completion once', async () => {
    const me = h.client();
    await me.ok('app:setup', { mode: 'personal', admin: { email: 'me@home.test', password: PASSWORD, name: 'Me' } });
    await me.ok('onboarding:save', { learningStyle: 'visual', goals: 'Read the news critically', reason: 'Curious', completed: false });
    const first = await me.ok('onboarding:save', { preferredPace: 'fast', reason: '', learningStyle: null, completed: true });
    expect(first.survey).toMatchObject({
      learningStyle: null,
      goals: 'Read the news critically',
      reason: null,
      preferredPace: 'fast',
      familiarity: null,
    });
    expect(first.survey.completedAt).not.toBeNull();

    h.clock.now += 60_000;
    const again = await me.ok('onboarding:save', { goals: 'Write better', completed: true });
    expect(again.survey).toMatchObject({ goals: 'Write better', preferredPace: 'fast', completedAt: first.survey.completedAt });
    expect((await me.ok('onboarding:get', {})).survey).toEqual(again.survey);
  });
});
