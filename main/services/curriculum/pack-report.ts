/**
 * What `npm run pack:check` tells an author: per-module counts, so gaps are visible at a
 * glance, and weak spots that would hurt the tutor — a hint or question that already gives
 * away every check term, a key-term group too thin to recognise a learner's own wording.
 */
import type { ContentPack, PackConcept } from '../../../src/shared/content-pack.ts';
import { matchKeyTermGroups, phraseTokens } from '../tutor/text-match.ts';

export interface ModuleCounts {
  slug: string;
  title: string;
  objectives: number;
  concepts: number;
  questions: number;
  hints: number;
  keyTermGroups: number;
  phrasings: number;
}

export interface WeakSpot {
  path: string;
  problem: string;
}

/** A group needs this many distinct phrasings to recognise paraphrase. */
export const MIN_PHRASINGS = 4;

function givesAwayCheckTerms(text: string, concept: PackConcept): boolean {
  const shown = matchKeyTermGroups(text, concept.keyTerms);
  return concept.checkTerms.every((t) => shown.includes(t));
}

export function analysePack(pack: ContentPack): { counts: ModuleCounts[]; weakSpots: WeakSpot[] } {
  const counts: ModuleCounts[] = [];
  const weakSpots: WeakSpot[] = [];
  pack.modules.forEach((m, mi) => {
    let questions = 0;
    let hints = 0;
    let groups = 0;
    let phrasings = 0;
    m.concepts.forEach((c, ci) => {
      const at = `modules.${mi}.concepts.${ci}`;
      questions += c.guidingQuestions.length + 1;
      hints += c.hints.length;
      groups += c.keyTerms.length;
      phrasings += c.keyTerms.reduce((n, g) => n + g.phrasings.length, 0);
      // The example comes before the explanation on the ladder: it must not hand over the answer either.
      const screened: { path: string; what: string; text: string }[] = [
        ...c.hints.map((text, hi) => ({ path: `${at}.hints.${hi}`, what: 'this hint', text })),
        ...c.guidingQuestions.map((text, qi) => ({ path: `${at}.guidingQuestions.${qi}`, what: 'this question', text })),
        ...c.misconceptions.map((m, mi2) => ({ path: `${at}.misconceptions.${mi2}.probe`, what: 'this probe', text: m.probe })),
        { path: `${at}.exampleScenario`, what: 'the example scenario', text: c.exampleScenario },
        { path: `${at}.checkQuestion`, what: 'the check question', text: c.checkQuestion },
      ];
      for (const { path, what, text } of screened) {
        if (givesAwayCheckTerms(text, c)) weakSpots.push({ path, problem: `${what} already states every check term` });
      }
      c.keyTerms.forEach((g, gi) => {
        const distinct = new Set(g.phrasings.map((p) => phraseTokens(p).join(' ')));
        if (distinct.size < MIN_PHRASINGS) {
          weakSpots.push({
            path: `${at}.keyTerms.${gi}`,
            problem: `"${g.label}" has ${distinct.size} distinct phrasing(s); ${MIN_PHRASINGS}+ recognise paraphrase better`,
          });
        }
      });
      // The same wording in two groups makes the tutor credit two ideas for one.
      const owner = new Map<string, string>();
      c.keyTerms.forEach((g, gi) => {
        for (const p of g.phrasings) {
          const key = phraseTokens(p).join(' ');
          const first = owner.get(key);
          if (first !== undefined && first !== g.id) {
            weakSpots.push({ path: `${at}.keyTerms.${gi}`, problem: `"${p}" also counts for group "${first}"` });
          }
          owner.set(key, owner.get(key) ?? g.id);
        }
      });
    });
    counts.push({
      slug: m.slug,
      title: m.title,
      objectives: m.learningObjectives.length,
      concepts: m.concepts.length,
      questions,
      hints,
      keyTermGroups: groups,
      phrasings,
    });
  });
  return { counts, weakSpots };
}
