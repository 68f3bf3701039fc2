/**
 * The engine against the real course: every module file present in the bundled pack, taught to
 * its persona's learner. Strong answers (the learner's own words) must carry them through every
 * concept to the end of the module; near misses must never master a concept; and the tutor must
 * not hand over the answer on the way. The files are being written in parallel, so the suite
 * runs over whichever exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packModuleSchema, type PackModule } from '../../../src/shared/content-pack.ts';
import { personaFixtureSchema, type PersonaFixture } from '../../../test/fixtures/personas/persona-schema.ts';
import type { EngineState, TutorTurn } from './engine-types.ts';
import { runScriptedDialogue } from './scripted-dialogue.ts';
import { createSocraticEngine, openConversation, respondToTurn } from './socratic-engine.ts';
import { contextForModule } from './test-support.ts';
import { matchKeyTermGroups } from './text-match.ts';

const root = join(import.meta.dirname, '../../..');
const modulesDir = join(root, 'content/packs/communication-media-society/modules');
const personasDir = join(root, 'test/fixtures/personas');

const files = existsSync(modulesDir) ? readdirSync(modulesDir).filter((f) => f.endsWith('.json')).sort() : [];
const engine = createSocraticEngine();

function load(file: string): { module: PackModule; persona: PersonaFixture | null } {
  const module = packModuleSchema.parse(JSON.parse(readFileSync(join(modulesDir, file), 'utf8')));
  const personaFile = join(personasDir, file);
  const persona = existsSync(personaFile) ? personaFixtureSchema.parse(JSON.parse(readFileSync(personaFile, 'utf8'))) : null;
  return { module, persona };
}

/** Feed each concept its strong answers (cycling) until it is mastered; at most eight turns each. */
function teachWithStrongAnswers(module: PackModule, persona: PersonaFixture): { turns: TutorTurn[]; failedAt: string | null } {
  const context = contextForModule(module);
  const turns: TutorTurn[] = [openConversation(context)];
  let state: EngineState = turns[0]?.state as EngineState;
  for (const concept of module.concepts) {
    const strong = persona.concepts[concept.slug]?.strong ?? [];
    let mastered = false;
    for (let i = 0; i < 8 && !mastered && strong.length > 0; i++) {
      const turn = respondToTurn(context, state, strong[i % strong.length] ?? '');
      turns.push(turn);
      state = turn.state;
      mastered = turn.evidence?.masteredNow === true;
    }
    if (!mastered) return { turns, failedAt: concept.slug };
  }
  return { turns, failedAt: null };
}

function authoredMaterial(concept: PackModule['concepts'][number]): string[] {
  return [
    // Titles are shown to learners anyway (the module page lists them).
    concept.title,
    ...concept.hints,
    ...concept.guidingQuestions,
    concept.exampleScenario,
    concept.checkQuestion,
    ...concept.misconceptions.map((m) => m.probe),
  ];
}

describe('the engine on the bundled course modules', () => {
  it('finds every module of the course, each with its persona answers', () => {
    expect(files).toHaveLength(15);
    for (const file of files) expect(load(file).persona, `persona fixture for ${file}`).not.toBeNull();
  });

  describe.each(files)('%s', (file) => {
    const { module, persona } = load(file);

    it('takes the persona’s strong answers through every concept to the end', () => {
      const { turns, failedAt } = teachWithStrongAnswers(module, persona as PersonaFixture);
      expect(failedAt).toBeNull();
      const last = turns[turns.length - 1];
      expect(last?.closesSession).toBe(true);
      expect(last?.state.masteredSlugs.length).toBe(module.concepts.length);
      for (const t of turns) if (!t.closesSession) expect(t.reply.trim().endsWith('?'), t.reply).toBe(true);
    });

    it('masters no concept on a near miss', () => {
      module.concepts.forEach((concept, index) => {
        const others = module.concepts.filter((_, i) => i !== index).map((c) => c.slug);
        const context = contextForModule(module, { mastered: others });
        const opened = openConversation(context).state;
        for (const answer of persona?.concepts[concept.slug]?.nearMiss ?? []) {
          for (const state of [opened, { ...opened, awaitingCheck: true }]) {
            const turn = respondToTurn(context, state, answer);
            expect(turn.evidence?.masteredNow, `${concept.slug}: "${answer}"`).toBe(false);
          }
        }
      });
    });

    // The engine's own words must not give the answer away. Authored material (hints, example
    // scenarios, probes) is checked by npm run pack:check; here, every check term a
    // reply states must come from the authored material it quotes, never from connective text.
    it('adds no check term of its own before the explanation rung, however the learner pushes', async () => {
      const pushes = ["I don't get it", 'just tell me the answer', 'no idea', 'why?', 'ok', "what's the answer?", 'no clue'];
      for (let index = 0; index < module.concepts.length; index++) {
        const concept = module.concepts[index];
        if (!concept) continue;
        const others = module.concepts.filter((_, i) => i !== index).map((c) => c.slug);
        const turns = await runScriptedDialogue(engine, contextForModule(module, { mastered: others }), pushes);
        for (const t of turns) {
          if (t.state.ladderStep >= 5 || t.move === 'give_explanation') break;
          const revealed = matchKeyTermGroups(t.reply, concept.keyTerms).filter((id) => concept.checkTerms.includes(id));
          const quoted = authoredMaterial(concept).filter((text) => t.reply.includes(text));
          const fromAuthored = new Set(quoted.flatMap((text) => matchKeyTermGroups(text, concept.keyTerms)));
          const added = revealed.filter((id) => !fromAuthored.has(id) && !t.state.groupsShown.includes(id));
          expect(added, `${concept.slug}: ${t.reply}`).toEqual([]);
          expect(t.reply).not.toContain(concept.explanation);
          if (!t.closesSession) expect(t.reply.trim().endsWith('?')).toBe(true);
        }
      }
    });
  });
});
