/**
 * Where the CLI writes: one JSON object per line on stdout (machine-readable), short
 * sentences on stderr. Passed in as `CliIo` so tests can run commands in-process.
 */
import { errorMessage, isHomeConnectError } from '../errors';

export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** Aborting it stops a long-running command (watch, simulate) like SIGINT does. */
  signal?: AbortSignal;
}

export const PROGRAM = 'homeconnect-local';

/** JSON of anything the library hands out; bigint and cycles cannot break a line. */
export function jsonLine(value: unknown): string {
  const seen = new WeakSet<object>();
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    }) + '\n'
  );
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(jsonLine(value));
}

/** Exactly one line, whatever the message holds. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function printError(io: CliIo, message: string): void {
  io.stderr.write(`${PROGRAM}: ${oneLine(message)}\n`);
}

/** A problem that did not stop the command (a skipped file): one line on stderr. */
export function printWarning(io: CliIo, message: string): void {
  io.stderr.write(`${PROGRAM}: warning: ${oneLine(message)}\n`);
}

/** The sentence for a failure: the appliance's error name first when there is one. */
export function describeError(e: unknown): string {
  if (isHomeConnectError(e)) {
    if (e.codeName && !e.message.includes(e.codeName)) return `${e.codeName}: ${e.message}`;
    return e.message;
  }
  return errorMessage(e);
}
