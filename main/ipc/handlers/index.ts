/** Every channel's handler, joined into one map (a channel registered twice throws). */
import { combineHandlers, type HandlerMap } from '../dispatcher.ts';
import { appAndAuthHandlers } from './app-and-auth.ts';
import { conversationHandlers, memoryHandlers, progressHandlers, settingsHandlers } from './learning.ts';
import { moduleHandlers, packHandlers } from './modules.ts';
import { onboardingHandlers } from './onboarding.ts';
import { tutorContextHandlers } from './tutor-context.ts';
import { userHandlers } from './users.ts';

export function allHandlers(): HandlerMap {
  return combineHandlers(
    appAndAuthHandlers,
    userHandlers,
    onboardingHandlers,
    moduleHandlers,
    packHandlers,
    conversationHandlers,
    memoryHandlers,
    tutorContextHandlers,
    progressHandlers,
    settingsHandlers,
  );
}
