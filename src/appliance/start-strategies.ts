/**
 * A program start as a small set of paths, because appliances refuse a start-with-options in
 * their own ways (users report 400, 403, 526, 541 from washer-dryers, coffee machines, ovens
 * and dryers):
 *  - direct:            POST /ro/activeProgram with the program and its options;
 *  - select-then-start: select with the options, then start the selected program;
 *  - options-as-values: select, write each option as a value, then start;
 *  - write-window:      wait until the delayed-start option is writable (a description change
 *                       opens the window), then start with the options.
 * The next path is tried only after a definite refusal (an error RESPONSE with a code). A
 * timeout, a lost link or any other unknown outcome ends the start at once: a start that may
 * have been accepted is never sent again.
 */
import { HomeConnectError, isHomeConnectError } from '../errors';
import type { ApplianceProfile } from '../profile/appliance-profile';
import type { Feature } from '../profile/types';
import { isWritable } from '../profile/value-codec';
import { FINISH_IN_RELATIVE, START_IN_RELATIVE } from '../protocol/program-command';
import type { ApplianceClient, StateChange, WriteResult } from '../protocol/types';
import { START_PATHS, type StartPath } from './start-path-memory';

export { START_PATHS, isStartPath, StartPathMemory, type StartPath } from './start-path-memory';

/** How long the write-window path waits for the window to open, unless told otherwise. */
export const DEFAULT_WRITE_WINDOW_TIMEOUT_MS = 10_000;
/** Real windows recur within a minute or so; longer waits only hide a stuck start. */
const MAX_WRITE_WINDOW_TIMEOUT_MS = 10 * 60_000;

/**
 * Codes that refuse any start right now, whatever its shape (remote start off, local
 * control, busy, wrong state, a value or uid the appliance does not take): another path
 * cannot help, so none is tried.
 */
export const NO_FALLBACK_CODES: ReadonlySet<number> = new Set([429, 512, 513, 514, 515, 516, 517, 531, 532, 536, 537, 538, 539, 540]);

/** Codes of an appliance that takes a delayed start only in its write window: that path next. */
export const WINDOW_CODES: ReadonlySet<number> = new Set([501, 541]);

const DELAYED_KEYS: ReadonlySet<string> = new Set([START_IN_RELATIVE, FINISH_IN_RELATIVE]);

export interface StartTarget {
  client: ApplianceClient;
  profile: ApplianceProfile;
}

export interface StartRequest {
  /** The program as given; undefined starts the program selected on the appliance. */
  program?: string | number;
  /** Every option, the delayed-start one included, keyed as the user gave them. */
  options: Record<string, unknown>;
}

export interface StartSettings {
  /** Only this path, no fallback (CLI --start-path). */
  forced?: StartPath;
  /** Tried first when it fits (the path that worked last on this appliance). */
  preferred?: StartPath;
  writeWindowTimeoutMs?: number;
}

/** One path the appliance refused, as reported in the result and in the final error. */
export interface StartRefusal {
  startPath: StartPath;
  code: number;
  codeName?: string;
}

export interface StartOutcome {
  result: WriteResult;
  startPath: StartPath;
  /** Paths refused before the one that worked, in order. */
  refused: StartRefusal[];
}

/** What every path needs, worked out once before anything is sent. */
interface Plan {
  target: StartTarget;
  request: StartRequest;
  /** Program reference for select paths (the selected program when none was given). */
  programRef: string | number | undefined;
  programUid: number | undefined;
  /** Delayed-start options among the options (full features). */
  delayed: Feature[];
  hasOptions: boolean;
  timeoutMs: number;
}

function selectedProgramKey(target: StartTarget): string | undefined {
  const root = target.profile.roots.selectedProgram;
  const value = root ? target.client.snapshot()[root.key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function programUidOf(profile: ApplianceProfile, ref: string | number | undefined): number | undefined {
  if (ref === undefined) return undefined;
  try {
    return profile.encodeProgram(ref);
  } catch {
    return undefined;
  }
}

/** True when the option may be written now: the program's own access wins over the list's. */
function writableNow(profile: ApplianceProfile, programUid: number | undefined, f: Feature): boolean {
  const po = programUid !== undefined ? profile.byUid(programUid)?.options?.find((o) => o.uid === f.uid) : undefined;
  const access = po?.access ?? f.access;
  const available = po?.available ?? f.available;
  return available !== false && isWritable(access, 'option');
}

function makePlan(target: StartTarget, request: StartRequest, settings: StartSettings): Plan {
  const profile = target.profile;
  const programRef = request.program ?? selectedProgramKey(target);
  const delayed: Feature[] = [];
  for (const key of Object.keys(request.options)) {
    const f = profile.find(key);
    if (f && DELAYED_KEYS.has(f.key)) delayed.push(f);
  }
  const timeout = settings.writeWindowTimeoutMs;
  return {
    target,
    request,
    programRef,
    programUid: programUidOf(profile, programRef),
    delayed,
    hasOptions: Object.keys(request.options).length > 0,
    timeoutMs:
      timeout !== undefined && Number.isFinite(timeout) && timeout > 0
        ? Math.min(timeout, MAX_WRITE_WINDOW_TIMEOUT_MS)
        : DEFAULT_WRITE_WINDOW_TIMEOUT_MS,
  };
}

function windowOpen(plan: Plan): boolean {
  return plan.delayed.every((f) => writableNow(plan.target.profile, plan.programUid, f));
}

/** Why a path cannot be used for this start (undefined: it can); honourWindow false ignores a closed window. */
function unfit(plan: Plan, path: StartPath, honourWindow: boolean): string | undefined {
  const profile = plan.target.profile;
  if (path === 'write-window') return plan.delayed.length > 0 ? undefined : 'the start has no delayed-start option (startIn/finishIn)';
  if (honourWindow && plan.delayed.length > 0 && !windowOpen(plan)) return 'the delayed-start option is not writable now';
  if (path === 'direct') return undefined;
  if (!profile.roots.selectedProgram) return 'the appliance has no selected program';
  if (plan.programRef === undefined || plan.programUid === undefined) return 'no program is named or selected';
  const exec = profile.byUid(plan.programUid)?.execution?.toLowerCase();
  if (exec === 'startonly') return 'the program can only be started, not selected';
  if (path === 'options-as-values' && !plan.hasOptions) return 'the start has no options';
  return undefined;
}

function order(plan: Plan, settings: StartSettings): StartPath[] {
  if (settings.forced) {
    const why = unfit(plan, settings.forced, false);
    if (why) throw new HomeConnectError('validation', `The start path "${settings.forced}" does not fit this start: ${why}.`);
    return [settings.forced];
  }
  const fits = START_PATHS.filter((p) => unfit(plan, p, true) === undefined);
  const first = settings.preferred && fits.includes(settings.preferred) ? [settings.preferred] : [];
  return [...first, ...fits.filter((p) => !first.includes(p))];
}

/** Resolves when the delayed-start options become writable by a description change; never sends. */
function waitForWindow(plan: Plan): Promise<void> {
  const client = plan.target.client;
  return new Promise<void>((resolve, reject) => {
    const done = (error?: HomeConnectError): void => {
      clearTimeout(timer);
      client.off('description', onDescription);
      client.off('state', onState);
      if (error) reject(error);
      else resolve();
    };
    const onDescription = (): void => {
      if (windowOpen(plan)) done();
    };
    const onState = (change: StateChange): void => {
      if (change.state !== 'connected') {
        done(
          new HomeConnectError(
            'not-connected',
            'The connection closed while waiting for the delayed-start write window; nothing was started.',
            { details: { sent: false } },
          ),
        );
      }
    };
    const timer = setTimeout(
      () =>
        done(
          new HomeConnectError(
            'timeout',
            `The appliance did not open its delayed-start write window within ${plan.timeoutMs / 1000} s; nothing was started.`,
            { details: { sent: false } },
          ),
        ),
      plan.timeoutMs,
    );
    client.on('description', onDescription);
    client.on('state', onState);
  });
}

async function runPath(plan: Plan, path: StartPath, afterRefusal: boolean): Promise<WriteResult> {
  const { client } = plan.target;
  const { program, options } = plan.request;
  const opts = plan.hasOptions ? options : undefined;
  switch (path) {
    case 'direct':
      return client.startProgram(program, opts);
    case 'select-then-start':
      await client.selectProgram(plan.programRef!, opts);
      return client.startProgram(plan.programRef);
    case 'options-as-values':
      await client.selectProgram(plan.programRef!);
      // One write per option: some appliances take them only one by one.
      for (const [key, value] of Object.entries(options)) await writeOption(plan, key, value);
      return client.startProgram(plan.programRef);
    case 'write-window':
      // After a refusal the local view was wrong: wait for the appliance to announce the window.
      if (afterRefusal || !windowOpen(plan)) await waitForWindow(plan);
      return client.startProgram(program, opts);
  }
}

/** An option as a value, checked with the program's own limits and access (not the list's). */
async function writeOption(plan: Plan, key: string, value: unknown): Promise<void> {
  const { client, profile } = plan.target;
  const item = profile.encodeOption(plan.programUid, key, value);
  const response = await client.request('/ro/values', 'POST', [{ uid: item.uid, value: item.value }]);
  if (response.code !== undefined) {
    const name = response.codeName ?? profile.errorName(response.code);
    throw new HomeConnectError(
      'appliance-error',
      `The appliance answered POST /ro/values with error ${response.code}${name ? ` (${name})` : ''}.`,
      {
        code: response.code,
        ...(name ? { codeName: name } : {}),
        details: { resource: '/ro/values', action: 'POST', key },
      },
    );
  }
}

function refusalOf(e: unknown): { code: number; codeName?: string } | undefined {
  if (!isHomeConnectError(e) || e.kind !== 'appliance-error' || typeof e.code !== 'number') return undefined;
  return e.codeName !== undefined ? { code: e.code, codeName: e.codeName } : { code: e.code };
}

function describeRefusals(refused: StartRefusal[]): string {
  return refused.map((r) => `${r.startPath} ${r.code}${r.codeName ? ` (${r.codeName})` : ''}`).join(', ');
}

/**
 * Starts the program along the first path the appliance accepts. Rejects with the refusal when
 * every fitting path was refused (details.refused lists them), and at once with any error that
 * is not a definite refusal (unknown-outcome, timeout, not-connected, validation).
 */
export async function startWithStrategies(target: StartTarget, request: StartRequest, settings: StartSettings = {}): Promise<StartOutcome> {
  const plan = makePlan(target, request, settings);
  const paths = order(plan, settings);
  if (paths.length === 0) {
    throw new HomeConnectError(
      'validation',
      'No start path fits this start: the delayed-start option is not writable and no write window can be waited for.',
    );
  }
  const refused: StartRefusal[] = [];
  let windowNext = false;
  let last: HomeConnectError | undefined;
  for (const path of paths) {
    if (windowNext && path !== 'write-window') continue;
    try {
      const result = await runPath(plan, path, refused.length > 0);
      return { result, startPath: path, refused };
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      refused.push({ startPath: path, ...refusal });
      last = e as HomeConnectError;
      if (refused.length === 1 && (settings.forced || NO_FALLBACK_CODES.has(refusal.code))) throw e;
      if (NO_FALLBACK_CODES.has(refusal.code)) break;
      windowNext = WINDOW_CODES.has(refusal.code) && paths.includes('write-window') && path !== 'write-window';
    }
  }
  if (refused.length === 1 && last) throw last;
  const final = refused[refused.length - 1];
  throw new HomeConnectError(
    'appliance-error',
    `The appliance refused the program start on every path it was offered: ${describeRefusals(refused)}.`,
    {
      code: final.code,
      ...(final.codeName !== undefined ? { codeName: final.codeName } : {}),
      details: { refused },
      ...(last ? { cause: last } : {}),
    },
  );
}
