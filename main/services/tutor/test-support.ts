/**
 * Contexts for tutor tests and the eval script: a small hand-made module, and a builder that
 * turns any pack module into the four-layer context the engine receives.
 */
import type { PackConcept, PackModule } from '../../../src/shared/content-pack.ts';
import type { LearnerProfileLayer, PriorKnowledgeItem, TutorContext } from './engine-types.ts';

export const TEST_PROFILE: LearnerProfileLayer = {
  name: 'Ada',
  goals: null,
  backgroundInfo: null,
  reason: null,
  preferredPace: null,
  interactionPreference: null,
  learningStyle: null,
  familiarity: null,
  overallCompletion: 0,
};

/** Two concepts about perception: enough to see mastery, a bridge and the closing. */
export const SELECTIVE_PERCEPTION: PackConcept = {
  slug: 'selective-perception',
  title: 'Selective Perception',
  explanation:
    'Our senses take in far more than we can handle, so the brain filters most of it out and attends to a small part. What we notice depends on our expectations, interests and needs, which is why two people at the same event remember different things.',
  guidingQuestions: [
    'Think of walking down a busy street. How much of what is around you do you actually register?',
    'Why might two friends at the same party remember completely different moments?',
    'What decides which details grab your attention first?',
  ],
  hints: [
    'Think about how many sounds, sights and smells reach you at once, and how many you could describe afterwards.',
    'Your attention is like a spotlight on a dark stage. What happens to everything outside the beam?',
    'Consider what you were looking for, or worried about, when something caught your eye.',
  ],
  keyTerms: [
    {
      id: 'filtering',
      label: 'We filter out most of what reaches our senses',
      phrasings: ['filter out', 'filtering', 'ignore most', 'tune out', 'screen out', 'only notice some', 'cant take in everything'],
    },
    {
      id: 'expectations',
      label: 'What we notice depends on our expectations and interests',
      phrasings: ['expectations', 'what we expect', 'our interests', 'what we care about', 'what we are looking for', 'our needs'],
    },
    {
      id: 'different-memories',
      label: 'So people remember the same event differently',
      phrasings: ['remember differently', 'different memories', 'see it differently', 'different versions', 'notice different things'],
    },
  ],
  misconceptions: [
    {
      statement: 'Our eyes work like a camera and record everything in front of us.',
      signals: ['like a camera', 'record everything', 'see everything'],
      probe: 'If your eyes recorded everything, why can you not say what colour shirt the last person you passed was wearing?',
    },
  ],
  checkQuestion: 'In your own words, why do two people at the same event often come away with different accounts of it?',
  checkTerms: ['filtering', 'expectations'],
  exampleScenario:
    'Two fans watch the same football match, one supporting each team. Afterwards they argue about whether a tackle was a foul. Both were watching closely. What is going on?',
};

export const FEEDBACK_LOOP: PackConcept = {
  slug: 'feedback',
  title: 'Feedback in Communication',
  explanation:
    'Feedback is the response a receiver sends back to the sender. It lets the sender check whether the message landed and adjust it, which turns one-way transmission into a two-way exchange.',
  guidingQuestions: [
    'When you tell a joke, how do you know whether it worked?',
    'What happens to a conversation when one person never reacts?',
  ],
  hints: [
    'Think about a teacher watching the faces of the class while explaining something.',
    'The listener sends something back. What does the speaker do with it?',
    'Compare a radio broadcast with a phone call. What can the caller do that the broadcaster cannot?',
  ],
  keyTerms: [
    {
      id: 'response',
      label: 'The receiver responds to the sender',
      phrasings: ['respond', 'response', 'react', 'reaction', 'reply', 'send back'],
    },
    {
      id: 'adjust',
      label: 'The sender adjusts the message',
      phrasings: ['adjust', 'change the message', 'correct', 'adapt', 'try again differently'],
    },
  ],
  misconceptions: [
    {
      statement: 'Feedback only means criticism.',
      signals: ['criticism', 'telling someone off', 'only negative'],
      probe: 'If a friend laughs at your joke, is that criticism? What is it telling you?',
    },
  ],
  checkQuestion: 'What is feedback in communication, and what does it let the sender do?',
  checkTerms: ['response', 'adjust'],
  exampleScenario:
    'You are explaining directions over the phone and your friend goes quiet, then says "wait, which bridge?". What do you do next, and why?',
};

export const TEST_MODULE_SLUG = 'your-four-worlds';

export interface ContextOptions {
  conversationId?: number;
  profile?: Partial<LearnerProfileLayer>;
  priorKnowledge?: PriorKnowledgeItem[];
  /** Concept slugs the learner mastered in earlier conversations. */
  mastered?: string[];
  confusionPhrases?: string[];
  masteryPhrases?: string[];
}

/** The four-layer context for a module given as pack content. */
export function contextForModule(
  module: Pick<PackModule, 'slug' | 'title' | 'concepts'> & Partial<Pick<PackModule, 'learningObjectives' | 'masteryPhrases' | 'confusionPhrases' | 'tutorPrompts'>>,
  options: ContextOptions = {},
): TutorContext {
  const mastered = new Set(options.mastered ?? []);
  return {
    profile: { ...TEST_PROFILE, ...options.profile },
    module: {
      id: 1,
      slug: module.slug,
      title: module.title,
      learningObjectives: module.learningObjectives ?? [],
      systemPrompt: module.tutorPrompts?.system ?? '',
      modulePrompt: module.tutorPrompts?.module ?? '',
      masteryPhrases: options.masteryPhrases ?? module.masteryPhrases ?? [],
      confusionPhrases: options.confusionPhrases ?? module.confusionPhrases ?? [],
      concepts: module.concepts.map((c, i) => ({ ...c, id: 100 + i, mastery: mastered.has(c.slug) ? 1 : 0, mastered: mastered.has(c.slug) })),
    },
    conversation: { id: options.conversationId ?? 7, rollingSummary: null, recentTurns: [] },
    priorKnowledge: options.priorKnowledge ?? [],
  };
}

/** The small two-concept test module. */
export function testContext(options: ContextOptions = {}): TutorContext {
  return contextForModule(
    {
      slug: TEST_MODULE_SLUG,
      title: 'Your Four Worlds',
      concepts: [SELECTIVE_PERCEPTION, FEEDBACK_LOOP],
      learningObjectives: ['Explain why perception is selective.', 'Describe the role of feedback in communication.'],
    },
    {
      confusionPhrases: ["I'm lost", 'what does that even mean'],
      masteryPhrases: ['oh I see', 'that makes sense now'],
      ...options,
    },
  );
}
