/**
 * `homeconnect-local watch`: one JSON object per line for every connection change and
 * every value (the initial state, then each change), until SIGINT/SIGTERM. The connection
 * reconnects by itself; watch only reports.
 */
import { HomeConnectError } from '../errors';
import type { ApplianceRecord } from '../profile/types';
import { ApplianceConnection, type ClientTransportLike, type TransportFactoryOptions } from '../protocol/appliance-connection';
import { connectTransport, type TransportClose } from '../protocol/client-transport';
import { redact } from '../protocol/traffic-log';
import type { StateChange, ValueChange } from '../protocol/types';
import { flagValue, hasFlag, profileArgument, type ParsedCommand } from './args';
import { aboutIt } from './error-subject';
import { loadAppliance } from './load-records';
import { printJson, printWarning, type CliIo } from './output';
import { waitForStop } from './stop-signal';

export function stateLine(haId: string, change: StateChange): Record<string, unknown> {
  const line: Record<string, unknown> = { event: change.state, haId };
  if (change.reason !== undefined) line.reason = change.reason;
  return line;
}

export function valueLine(haId: string, change: ValueChange): Record<string, unknown> {
  return { haId, key: change.key, uid: change.uid, value: change.value ?? null, raw: change.raw ?? null };
}

type Tap = (direction: 'in' | 'out', text: string) => void;

/**
 * Wraps the real transport to see every message text in and out, in order and without
 * loss (the connection's own traffic ring only keeps the last 100).
 */
class TappedTransport implements ClientTransportLike {
  constructor(
    private readonly inner: ClientTransportLike,
    private readonly tap: Tap,
  ) {
    // Registered before the session's listener, so "in" lines come before their effects.
    inner.on('message', (text: string) => tap('in', text));
  }

  send(text: string): Promise<void> {
    this.tap('out', text);
    return this.inner.send(text);
  }

  ping(): void {
    this.inner.ping();
  }

  close(): void {
    this.inner.close();
  }

  terminate(): void {
    this.inner.terminate();
  }

  on(event: 'open' | 'pong', listener: () => void): this;
  on(event: 'message', listener: (text: string) => void): this;
  on(event: 'close', listener: (info: TransportClose) => void): this;
  on(event: string, listener: (...args: never[]) => void): this {
    (this.inner.on as (e: string, l: (...args: never[]) => void) => unknown)(event, listener);
    return this;
  }

  off(event: 'message', listener: (text: string) => void): this {
    this.inner.off(event, listener);
    return this;
  }
}

/** The message as JSON (redacted like diagnostics), or a short note when it is not JSON. */
export function trafficMessage(text: string): unknown {
  try {
    return redact(JSON.parse(text) as unknown);
  } catch {
    return { unparsed: String(text).slice(0, 200) };
  }
}

export async function watchCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const file = profileArgument(parsed);
  const record: ApplianceRecord = await loadAppliance(
    file,
    { appliance: flagValue(parsed, 'appliance'), host: flagValue(parsed, 'host') },
    (warning) => printWarning(io, warning),
  );
  const haId = record.haId;
  const stop = waitForStop(io);
  const tap: Tap = (direction, text) => printJson(io, { haId, direction, message: trafficMessage(text) });
  const connection = new ApplianceConnection({
    record,
    ...(hasFlag(parsed, 'raw')
      ? { transportFactory: (opts: TransportFactoryOptions) => new TappedTransport(connectTransport(opts), tap) }
      : {}),
  });
  // Events of start() itself wait: if it fails at once (a profile, key or host that cannot be
  // used), that will not fix itself by retrying, so watch ends with one error line instead.
  let early: Array<Record<string, unknown>> | undefined = [];
  const emit = (line: Record<string, unknown>): void => {
    if (early) early.push(line);
    else printJson(io, line);
  };
  connection.on('state', (change: StateChange) => emit(stateLine(haId, change)));
  connection.on('values', (changes: ValueChange[]) => {
    for (const change of changes) emit(valueLine(haId, change));
  });
  try {
    connection.start();
    if (connection.state === 'error') {
      const label = record.name && record.name !== haId ? `${record.name} (${haId})` : haId;
      throw new HomeConnectError('profile', `Cannot watch ${label}: ${aboutIt(connection.lastReason ?? 'it cannot be used', record)}`);
    }
    for (const line of early) printJson(io, line);
    early = undefined;
    await stop.stopped;
    return 0;
  } finally {
    stop.dispose();
    await connection.stop().catch(() => undefined);
  }
}
