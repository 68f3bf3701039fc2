/** The progress slice: the learner's overview and per-module concept mastery. */
import type { ChannelOutput } from '../../../../src/shared/contract/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { progressService } from './progress-service.ts';

export type ProgressOverview = ChannelOutput<'progress:overview'>;
export type ModuleProgress = ChannelOutput<'progress:module'>;

export interface ProgressState {
  overview: ProgressOverview | null;
  overviewStatus: LoadStatus;
  moduleProgress: Record<number, ModuleProgress>;
}

export interface ProgressSlice extends ProgressState {
  loadOverview(): Promise<void>;
  loadModuleProgress(moduleId: number): Promise<void>;
}

export const initialProgressState = (): ProgressState => ({ overview: null, overviewStatus: 'idle', moduleProgress: {} });

export const createProgressSlice: SliceCreator<ProgressSlice> = (set, get) => ({
  ...initialProgressState(),

  async loadOverview() {
    set((s) => ({ overviewStatus: s.overview ? 'ready' : 'loading' }));
    const out = await call(get, progressService.overview());
    set(out ? { overview: out, overviewStatus: 'ready' } : { overviewStatus: 'error' });
  },

  async loadModuleProgress(moduleId) {
    const out = await call(get, progressService.module(moduleId));
    if (out) set((s) => ({ moduleProgress: { ...s.moduleProgress, [moduleId]: out } }));
  },
});
