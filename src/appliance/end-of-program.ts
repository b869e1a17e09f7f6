/**
 * End of program: some appliances leave RemainingProgramTime above 0 or ProgramProgress below
 * 100 when a program finishes or is aborted. Flows and dashboards would show a stale
 * countdown, so the in node completes them, marked as derived.
 */
export const OPERATION_STATE = 'BSH.Common.Status.OperationState';
export const REMAINING_PROGRAM_TIME = 'BSH.Common.Option.RemainingProgramTime';
export const PROGRAM_PROGRESS = 'BSH.Common.Option.ProgramProgress';
export const PROGRAM_FINISHED = 'BSH.Common.Event.ProgramFinished';
export const PROGRAM_ABORTED = 'BSH.Common.Event.ProgramAborted';

const ENDED_STATES = new Set(['Finished', 'Ready', 'Inactive', 'Aborting']);
const RUNNING_STATES = new Set(['Run', 'Pause', 'ActionRequired', 'DelayedStart']);

function shortValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v.slice(v.lastIndexOf('.') + 1) : undefined;
}

export interface EndOfProgramChange {
  key: string;
  value: unknown;
  previous?: unknown;
}

/**
 * True when a batch of changes says a program just ended: the operation state moved from a
 * running state to Finished/Ready/Inactive/Aborting, or a ProgramFinished/ProgramAborted event
 * became present.
 */
export function programEnded(changes: readonly EndOfProgramChange[]): boolean {
  return changes.some((c) => {
    if (c.key === OPERATION_STATE) {
      const now = shortValue(c.value);
      const before = shortValue(c.previous);
      if (now === undefined || !ENDED_STATES.has(now)) return false;
      // Finished/Aborting always end a program; Ready/Inactive only after a running state.
      return now === 'Finished' || now === 'Aborting' || (before !== undefined && RUNNING_STATES.has(before));
    }
    if (c.key === PROGRAM_FINISHED || c.key === PROGRAM_ABORTED) return shortValue(c.value) === 'Present';
    return false;
  });
}

/**
 * The completions an ended program needs, given the current values (after the batch):
 * `{RemainingProgramTime: 0}` when it is above 0 and `{ProgramProgress: 100}` when below 100.
 * Only keys the appliance reported are completed.
 */
export function endOfProgramCompletions(values: Record<string, unknown>): Array<{ key: string; value: number; previous: number }> {
  const out: Array<{ key: string; value: number; previous: number }> = [];
  const remaining = values[REMAINING_PROGRAM_TIME];
  if (typeof remaining === 'number' && remaining > 0) out.push({ key: REMAINING_PROGRAM_TIME, value: 0, previous: remaining });
  const progress = values[PROGRAM_PROGRESS];
  if (typeof progress === 'number' && progress < 100) out.push({ key: PROGRAM_PROGRESS, value: 100, previous: progress });
  return out;
}
