/** The memory slice: the learner's memory summaries, which they can correct or delete. */
import type { MemorySummary } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { memoryService, type MemoryPatch } from './memory-service.ts';

export interface MemoryState {
  summaries: MemorySummary[];
  memoryStatus: LoadStatus;
}

export interface MemorySlice extends MemoryState {
  loadMemory(): Promise<void>;
  updateMemory(id: number, patch: MemoryPatch): Promise<boolean>;
  deleteMemory(id: number): Promise<boolean>;
}

export const initialMemoryState = (): MemoryState => ({ summaries: [], memoryStatus: 'idle' });

export const createMemorySlice: SliceCreator<MemorySlice> = (set, get) => ({
  ...initialMemoryState(),

  async loadMemory() {
    set((s) => ({ memoryStatus: s.memoryStatus === 'ready' ? 'ready' : 'loading' }));
    const out = await call(get, memoryService.list());
    set(out ? { summaries: out.summaries, memoryStatus: 'ready' } : { memoryStatus: 'error' });
  },

  async updateMemory(id, patch) {
    const out = await call(get, memoryService.update(id, patch));
    if (!out) return false;
    set((s) => ({ summaries: s.summaries.map((m) => (m.id === id ? out.summary : m)) }));
    get().notify('success', t.memory.updated);
    return true;
  },

  async deleteMemory(id) {
    const out = await call(get, memoryService.remove(id));
    if (!out) return false;
    set((s) => ({ summaries: s.summaries.filter((m) => m.id !== id) }));
    get().notify('success', t.memory.deleted);
    return true;
  },
});
