/**
 * Long-running commands (watch, simulate) run until SIGINT/SIGTERM, or until the caller's
 * AbortSignal fires when main() runs in-process (tests).
 */
import type { CliIo } from './output';

export interface StopWaiter {
  /** Resolves once a stop was requested. */
  stopped: Promise<void>;
  /** Removes the signal handlers (call once the command has finished). */
  dispose(): void;
}

export function waitForStop(io: CliIo): StopWaiter {
  let resolve!: () => void;
  const stopped = new Promise<void>((r) => (resolve = r));
  const cleanups: Array<() => void> = [];
  if (io.signal) {
    if (io.signal.aborted) resolve();
    const onAbort = (): void => resolve();
    io.signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => io.signal?.removeEventListener('abort', onAbort));
  } else {
    const onSignal = (): void => resolve();
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      process.on(name, onSignal);
      cleanups.push(() => process.off(name, onSignal));
    }
  }
  return { stopped, dispose: () => cleanups.splice(0).forEach((c) => c()) };
}
