/** The active strings. One locale today; a translation swaps this import. */
import { en } from './en.ts';

export const t = en;
export type { Strings } from './en.ts';
