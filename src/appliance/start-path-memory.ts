/**
 * Which start path worked last on each appliance, so the next start tries it first. Kept in
 * memory only (a restart learns again with one refused attempt); no Node-RED here, so the
 * account node, the CLI and tests share it.
 */

/** The ways a program start can be sent, in the order they are tried when nothing is known. */
export const START_PATHS = ['direct', 'select-then-start', 'options-as-values', 'write-window'] as const;
export type StartPath = (typeof START_PATHS)[number];

export function isStartPath(value: unknown): value is StartPath {
  return typeof value === 'string' && (START_PATHS as readonly string[]).includes(value);
}

/** Far more appliances than any home has; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 1000;

export class StartPathMemory {
  private readonly paths = new Map<string, StartPath>();

  /** The path that worked last on this appliance, if any. */
  get(haId: string): StartPath | undefined {
    return this.paths.get(haId);
  }

  remember(haId: string, path: StartPath): void {
    this.paths.delete(haId);
    this.paths.set(haId, path);
    while (this.paths.size > MAX_ENTRIES) {
      const oldest = this.paths.keys().next().value as string;
      this.paths.delete(oldest);
    }
  }

  forget(haId: string): void {
    this.paths.delete(haId);
  }

  get size(): number {
    return this.paths.size;
  }
}
