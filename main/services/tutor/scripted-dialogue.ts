/**
 * Run an engine through a scripted conversation: the opening, then one reply per learner turn,
 * each fed the state the previous reply left — exactly as the tutor service would, minus the
 * database. The context's recent turns grow as the dialogue goes, so engines that look at them
 * see what they would see live. Used by tests and the tutor eval script.
 */
import type { EngineState, TutorContext, TutorEngine, TutorTurn, TurnRecord } from './engine-types.ts';

export interface ScriptedDialogueOptions {
  /** How many recent turns the context keeps verbatim (the service's memory budget). */
  recentTurnLimit?: number;
  /** Stop as soon as a reply closes the session (default true). */
  stopWhenClosed?: boolean;
  /** Skip the opening and start from this state instead. */
  startState?: EngineState;
}

/** The opening (unless a start state is given) followed by the reply to each learner turn. */
export async function runScriptedDialogue(
  engine: TutorEngine,
  context: TutorContext,
  turns: readonly string[],
  options: ScriptedDialogueOptions = {},
): Promise<TutorTurn[]> {
  const limit = options.recentTurnLimit ?? 12;
  const stopWhenClosed = options.stopWhenClosed ?? true;
  const recent: TurnRecord[] = [...context.conversation.recentTurns];
  const withRecent = (): TutorContext => ({ ...context, conversation: { ...context.conversation, recentTurns: recent.slice(-limit) } });

  const result: TutorTurn[] = [];
  let state: EngineState;
  if (options.startState) {
    state = options.startState;
  } else {
    const opening = await engine.open(withRecent());
    result.push(opening);
    recent.push({ role: 'assistant', content: opening.reply });
    state = opening.state;
    if (opening.closesSession && stopWhenClosed) return result;
  }
  for (const message of turns) {
    const turn = await engine.respond(withRecent(), state, message);
    result.push(turn);
    recent.push({ role: 'user', content: message }, { role: 'assistant', content: turn.reply });
    state = turn.state;
    if (turn.closesSession && stopWhenClosed) break;
  }
  return result;
}
