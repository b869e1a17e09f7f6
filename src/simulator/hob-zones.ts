/**
 * Hob zones as the appliance reports them: cooking happens on the hob itself (the simulator's
 * control API stands in for the knobs), so a zone's power level drives the rest: residual heat
 * once a zone was on, OperationState Run while any zone is on, and the read-only ActiveProgram
 * showing the power level mode meanwhile.
 */
import type { Feature, WireItem } from '../profile/types';
import type { SimulatedState } from './simulated-state';

const ZONE_LEVEL = /^(.*\.Zone\.\d+)\.PowerLevel$/;

/** Changes that follow from a zone power level set to `raw`; [] for every other feature. */
export function zoneLevelChanged(state: SimulatedState, f: Feature, raw: unknown): WireItem[] {
  const m = ZONE_LEVEL.exec(f.key);
  if (!m || f.kind !== 'status') return [];
  const out: Array<WireItem | undefined> = [];
  const on = typeof raw === 'number' && raw > 0;
  const residual = state.profile.find(`${m[1]}.ResidualHeat`);
  if (residual && on) out.push(state.set(residual.uid, true));
  const anyOn = state.profile
    .statuses()
    .some((z) => ZONE_LEVEL.test(z.key) && typeof state.get(z.uid) === 'number' && (state.get(z.uid) as number) > 0);
  out.push(state.setMember('OperationState', anyOn ? 'Run' : 'Ready'));
  const active = state.profile.roots.activeProgram;
  const mode = state.profile.programs().find((p) => p.key.endsWith('.PowerLevelMode'));
  if (active && mode) out.push(state.set(active.uid, anyOn ? mode.uid : 0));
  return out.filter((x): x is WireItem => x !== undefined);
}
