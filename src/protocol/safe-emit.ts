/**
 * The one "emit without throwing": a listener's exception must not escape into a socket or
 * timer callback. It is reported as a sentence instead (to a logger, or as a process warning).
 */
import type { EventEmitter } from 'events';
import { errorMessage } from '../errors';

export type ListenerErrorReport = (sentence: string) => void;

/** Default report: a process warning, for emitters without a logger (the transports). */
export const warnProcess: ListenerErrorReport = (sentence) => process.emitWarning(sentence, 'HomeConnectListenerError');

export function safeEmit(emitter: EventEmitter, report: ListenerErrorReport, event: string, ...args: unknown[]): void {
  try {
    emitter.emit(event, ...args);
  } catch (e) {
    report(`A '${event}' listener threw: ${errorMessage(e)}`);
  }
}
