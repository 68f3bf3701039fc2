/**
 * The words around the curriculum: lead-ins, acknowledgements and connective questions.
 *
 * Two rules shape every phrase here. First, connective text is generic — it never names an idea
 * of the concept, so it cannot give away a key term the learner has not yet shown. Second, each
 * move has several phrasings, chosen by a hash of the conversation's own state, so the engine
 * stays deterministic (same conversation, same turn, same reply) while a long session does not
 * repeat itself word for word.
 */
import type { ConceptInContext, LearningStyle } from './engine-types.ts';

/** FNV-1a, 32 bit: small, fast and stable across platforms. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A seed for one slot of one reply: the conversation, how far it has got, the move and the slot. */
export function replySeed(conversationId: number, learnerTurns: number, move: string, slot: string): number {
  return hashString(`${conversationId}|${learnerTurns}|${move}|${slot}`);
}

export function pick<T>(options: readonly T[], seed: number): T {
  const chosen = options[seed % options.length];
  if (chosen === undefined) throw new Error('pick() needs at least one option');
  return chosen;
}

/** Fill `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * Learner-written or memory text made safe to quote: no markup characters, no line breaks,
 * short. (The UI renders safely anyway; this keeps quoted text from changing the reply's shape.)
 */
export function quoteSafely(text: string, maxLength = 120): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[<>[\]{}()*_`#|\\~^]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?,;:\s]+$/, '');
  if (cleaned.length <= maxLength) return cleaned;
  const cut = cleaned.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[.,;:\s]+$/, '')}…`;
}

/** The first sentence of a text, for short references to memory. */
export function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

/** The last sentence of a text that ends with a question: the question itself. */
export function lastQuestionIn(text: string): string {
  const sentences = text.trim().split(/(?<=[.!?])\s+/);
  return sentences[sentences.length - 1] ?? text.trim();
}

/** Join sentences into one reply. */
export function joinSentences(parts: readonly (string | null | undefined | false)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim().length > 0)
    .map((p) => p.trim())
    .join(' ');
}

/** Whether a reply already ends with a question. */
export function endsWithQuestion(text: string): boolean {
  return text.trimEnd().endsWith('?');
}

export const CLOSING_QUESTIONS = [
  'What do you think?',
  'How would you put it?',
  "What's your take?",
  'What comes to mind?',
];

/** Every reply that does not close the session ends with a question; authored text may not. */
export function ensureEndsWithQuestion(text: string, chooseQuestion: (options: readonly string[]) => string): string {
  return endsWithQuestion(text) ? text.trimEnd() : `${text.trimEnd()} ${chooseQuestion(CLOSING_QUESTIONS)}`;
}

/** "A", "A and B", "A, B and C". */
export function listInProse(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * A key-term label as part of a sentence. Its first letter is lowercased ("Messages no longer…"
 * reads "messages no longer…") unless the first word looks like a name: an acronym, or a word
 * the concept's own text capitalises in mid-sentence ("Morse's telegraph…" stays).
 */
export function labelInSentence(label: string, concept: ConceptInContext): string {
  const firstWord = label.split(/\s+/)[0] ?? '';
  if (firstWord === firstWord.toLowerCase() || /^[A-Z]{2,}/.test(firstWord) || /[A-Z]/.test(firstWord.slice(1))) return label;
  const texts = [concept.explanation, concept.exampleScenario, concept.checkQuestion, ...concept.hints, ...concept.guidingQuestions];
  const core = firstWord.replace(/[^A-Za-z'’-]/g, '').replace(/['’]s$/, '');
  const midSentence = new RegExp(`[a-z,;:]\\s+${escapeRegExp(core)}(?![A-Za-z])`);
  const isName = core.length > 0 && texts.some((t) => midSentence.test(t));
  return isName ? label : `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ——— Phrase banks, one per move or slot. Placeholders: {name} {module} {title} {next} {ideas} {n} {k}.

export const GREETINGS = ['Hi {name}!', 'Hello {name}!', 'Welcome, {name}!', 'Good to see you, {name}!'];

export const MODULE_INTROS = [
  "In *{module}* we'll work through {n} ideas together, starting with *{title}*.",
  'This module, *{module}*, has {n} ideas to work out; we begin with *{title}*.',
  "We're starting *{module}*: {n} ideas, and the first is *{title}*.",
];

export const RESUME_INTROS = [
  "Welcome back to *{module}* — you've already mastered {k} of {n} ideas, so let's pick up with *{title}*.",
  "You're {k} of {n} ideas into *{module}*; next comes *{title}*.",
];

export const REVIEW_INTROS = [
  "You've mastered every idea in *{module}* already, so let's revisit them, starting with *{title}*.",
];

export const GOAL_LINES = [
  'You told me your goal is “{goals}”, so we will keep that in view.',
  'You said you want to “{goals}” — this module should help with that.',
];

export const REASON_LINES = [
  'You mentioned you are here because “{reason}”.',
  'You told me you are learning this because “{reason}”, which is a great reason to dig in.',
];

export const BACKGROUND_LINES = [
  'With your background (“{background}”), some of this may feel familiar.',
  'Your background (“{background}”) may give you a head start here.',
];

export const PRIOR_KNOWLEDGE_OPENINGS = [
  'Earlier, in *{module}*, you worked on {what} — keep that in mind, because it may apply here.',
  'In *{module}* you worked on {what}; watch for how that connects with what comes next.',
];

export const PRIOR_KNOWLEDGE_BRIDGES = [
  'This links back to *{module}*, where you worked on {what}.',
  'Remember *{module}*, where you worked on {what}? It connects here.',
];

export const FIRST_QUESTION_LEADS_PRACTICE = ["Here's a first task: jot down a short answer to this.", 'Your first task: answer this in a sentence or two.'];
export const TASK_LEADS = [
  "Here's a small task: answer this in a sentence or two.",
  'Try this as a task — jot down a short answer.',
  'Task: write one or two sentences on this.',
  'Quick exercise: put your answer in a sentence or two.',
];
export const FIRST_QUESTION_LEADS_SLOW = ["We'll take it one step at a time.", "There's no rush; one step at a time."];

export const AFFIRMATIONS = [
  "That's right — you've named a key idea: {ideas}.",
  "Good thinking. You've got hold of this: {ideas}.",
  'Yes, exactly: {ideas}.',
  "You've put your finger on something important: {ideas}.",
  'Well reasoned — {ideas}.',
];

export const DEEPEN_LEADS = ["Let's go a step further.", 'Now push that a little further.', 'Building on that:', "Let's widen the picture."];

/** Follow-ups that name no idea of the concept: safe when no guiding question is left. */
export const GENERIC_DEEPEN_QUESTIONS = [
  'What follows from that?',
  'Why do you think that mattered so much?',
  'What would change for people because of that?',
  'What else would you add to make the picture complete?',
];

export const CHECK_LEADS = ["You're ready for the big question.", "Let's pull it together.", 'Now put it all together.', 'Time to bring it all together.'];
export const CHECK_LEADS_CLAIMED = ["Great — let's see it, then.", "Good! Let's check it together.", 'Excellent, then try this.'];
export const CHECK_LEADS_PRACTICE = ['Your task: answer this in two or three sentences.', 'Here is the task: write a short answer to this.'];

export const PROBE_LEADS = [
  "Let's look at it from another side.",
  "Here's something to think about.",
  "Let's dig into one piece of it.",
  'Try this angle.',
  "Let's come at it a different way.",
];

export const PARTIAL_CHECK_LEADS = [
  "That covers part of it — there's another part to the question.",
  "You're partway there; the question has one more piece.",
  "Good start — there's more to the answer than that.",
];

export const PARTIAL_CHECK_QUESTIONS = [
  'What else would you add to your answer?',
  "What's the other part of the answer?",
  'What is still missing from your answer?',
];

export const CONFUSED_LEADS = [
  "That's okay — this one takes some thought.",
  "No problem, let's take it a step at a time.",
  "Fair enough — it's a tricky one.",
  "That's fine; being stuck is part of working it out.",
  "Let's untangle it together.",
];

export const MISSED_LEADS = ["Not quite yet — let's get closer.", "You're thinking about it, which is good.", "Let's narrow it down.", 'Close, but not there yet.'];

export const HINT_LEADS = ["Here's a nudge:", 'A hint:', 'Let me give you a nudge:', 'Try thinking about this:', 'Here is something that might help:'];

export const HINT_FOLLOW_UPS = [
  'What does that suggest to you?',
  'Where does that lead you?',
  "With that in mind, what's your answer now?",
  'How does that change your thinking?',
];

export const EXAMPLE_LEADS: Record<LearningStyle | 'default', readonly string[]> = {
  visual: ['Picture this scene:', 'Imagine you can see this happening:'],
  auditory: ['Imagine someone telling you this story:', 'Listen to this situation:'],
  kinesthetic: ['Put yourself in this situation:', 'Imagine you are the one doing this:'],
  reading: ['Read this scenario closely:', 'Here is a short case to read through:'],
  default: ["Here's a scenario to reason about:", 'Consider this situation:', "Let's try a concrete case:"],
};

export const EXAMPLE_LEADS_PRACTICE = ['Work through this scenario:', 'Here is a case to work through:'];

export const EXAMPLE_FOLLOW_UPS = ['What do you notice?', 'What would you say is going on there?', 'What stands out to you in that case?'];

export const EXPLANATION_LEADS = [
  "Here's the idea laid out plainly.",
  "You've worked hard at this, so let me lay the idea out plainly.",
  "Let's look at the whole idea directly.",
];

export const EXPLANATION_FOLLOW_UPS = [
  'Which part of that connects with what you were thinking?',
  'Which piece of that would you put first if you explained it to a friend?',
  'What part of that surprises you most?',
];

/** Re-ask lead-ins by learning style; the default ones ask for the learner's own words. */
export const REASK_LEADS: Record<LearningStyle | 'default', readonly string[]> = {
  visual: ['Picture the whole thing first, then answer.', 'Sketch it in your head, then put it into words.'],
  auditory: ['Try saying your answer out loud first.', 'Explain it as if talking to a friend.'],
  kinesthetic: ['Walk through it step by step.', 'Take it one step at a time.'],
  reading: ['Write your answer as a short paragraph.', 'Put it in a few sentences.'],
  default: ['Now try it in your own words.', "Let's see it in your words.", 'Put it your own way now.', 'Over to you — in your own words.'],
};

/** For a check question that already asks for the learner's own words. */
export const REASK_LEADS_PLAIN = ['Now try it yourself.', 'Over to you.', "Let's see how you'd put it now.", 'Have a go now.'];

/** Lead-ins for going round the material again once the ladder is exhausted. */
export const REVIEW_LEADS = [
  "Let's come back to this from another angle.",
  "Let's revisit an earlier question with fresh eyes.",
  'One more way in.',
  "Let's slow down and look at one piece.",
  "Here's a question we touched on before.",
  "Let's go back a step.",
];

export const DECLINE_LEADS = [
  "I won't hand over the answer — you'll remember it far better if you build it yourself.",
  "I'd rather not just give it away; working it out is what makes it stick.",
  "Let's not skip to the answer — you're closer than you think.",
  "I'm going to hold the answer back a little longer, because you can get there.",
];

export const DECLINE_AFTER_EXPLANATION = [
  "You've already seen the idea laid out — now it's about saying it yourself.",
  'The idea is on the table now; the last step is yours.',
];

export const MISCONCEPTION_LEADS = ["Let's test that idea.", "Interesting — let's check that.", "Hold on, let's put that to the test.", "That's worth examining."];

export const QUESTION_BACK_LEADS = [
  "Good question — and I'd like to hear your thinking first.",
  "That's a great thing to wonder about. What's your own hunch?",
  "I like that question. Let's work it out together rather than me just answering.",
  "Good thing to ask. Let's reason it through.",
];

export const QUESTION_BACK_TIES = ["Here's a way in:", 'Start from here:', 'Think about this first:'];

export const REPEATED_QUESTION_LEADS = ["Let's not leave you going round in circles.", "You're asking good questions, so here's some help."];

export const STEER_BACK_LEADS = [
  "That sounds like a different topic — let's come back to *{title}*.",
  "Let's park that and get back to *{title}*.",
  "Interesting, but it's off our path. Back to *{title}*.",
  "Let's keep our focus on *{title}* for now.",
];

export const EMPTY_LEADS = ['It looks like your message came through empty.', "I didn't catch anything there."];
export const NONSENSE_LEADS = [
  "I couldn't quite make that out — no worries.",
  'Hmm, that came through a bit jumbled.',
  "I'm not sure I read that right.",
];
export const CLARIFY_TIES = ["Here's where we were:", 'Try answering in a sentence or two:', 'Back to the question:'];

export const OWN_WORDS_LEADS = [
  "That's very close to my own wording — I'd love to hear yours.",
  "Those look like my words rather than yours; try it your own way, as if telling a friend.",
];

export const MASTERED_LINES = ["You've mastered *{title}*.", "That's *{title}* worked out.", '*{title}*: done.'];
export const NEXT_LINES = ['Next up: *{next}*.', "Let's move on to *{next}*.", 'Now for *{next}*.'];

export const SLOW_SOFTENERS = ['Take your time.', 'No need to rush.'];

export const CLOSE_COMPLETE = [
  "That's every idea in *{module}* worked out — well done, {name}.",
  'You have worked through every idea in *{module}*, {name}. Well done.',
];
export const CLOSE_PARTIAL = ['Good work today, {name}.', 'Thanks for working through this with me, {name}.'];
export const AFTER_CLOSE = ["This session is wrapped up. Start a new conversation whenever you'd like to keep going."];
