/** The modules slice: the module library and each opened module's detail. */
import type { ModuleDetail, ModuleSummary } from '../../../../src/shared/contract/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { modulesService } from './modules-service.ts';

export interface ModulesState {
  modules: ModuleSummary[];
  modulesStatus: LoadStatus;
  moduleDetails: Record<number, ModuleDetail>;
}

export interface ModulesSlice extends ModulesState {
  loadModules(): Promise<void>;
  loadModuleDetail(id: number): Promise<ModuleDetail | null>;
}

export const initialModulesState = (): ModulesState => ({ modules: [], modulesStatus: 'idle', moduleDetails: {} });

export const createModulesSlice: SliceCreator<ModulesSlice> = (set, get) => ({
  ...initialModulesState(),

  async loadModules() {
    set({ modulesStatus: 'loading' });
    const out = await call(get, modulesService.list());
    set(out ? { modules: out.modules, modulesStatus: 'ready' } : { modulesStatus: 'error' });
  },

  async loadModuleDetail(id) {
    const out = await call(get, modulesService.get(id));
    if (out) set((s) => ({ moduleDetails: { ...s.moduleDetails, [id]: out } }));
    return out;
  },
});
