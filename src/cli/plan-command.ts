/**
 * `homeconnect-local plan`: reads a price or solar-forecast file, plans the best start before a
 * deadline and prints the plan as one JSON line. Touches no appliance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HomeConnectError } from '../errors';
import { planStart, readSeries, parseTimeSpec, type Objective, type Plan } from '../planner';
import { parseJson } from '../profile/import/json-text';
import { UsageError, flagValue, type ParsedCommand } from './args';
import { printJson, type CliIo } from './output';

/** A price file is a few kB; a year of quarter hours is under 5 MB. */
export const MAX_SERIES_FILE_BYTES = 10 * 1024 * 1024;

/** Reads and parses a series file with a size bound; errors name the file. */
export async function readSeriesFile(file: string): Promise<ReturnType<typeof readSeries>> {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new HomeConnectError('validation', `${name}: no such file.`);
  }
  if (!stat.isFile()) throw new HomeConnectError('validation', `${name} is not a file.`);
  if (stat.size > MAX_SERIES_FILE_BYTES) {
    throw new HomeConnectError(
      'validation',
      `${name} is ${stat.size} bytes; a price or forecast file may be at most ${MAX_SERIES_FILE_BYTES}.`,
    );
  }
  const json = parseJson(await fs.promises.readFile(file, 'utf8'), name);
  try {
    return readSeries(json);
  } catch (e) {
    if (e instanceof HomeConnectError) throw new HomeConnectError(e.kind, `${name}: ${e.message}`);
    throw e;
  }
}

function positiveSeconds(parsed: ParsedCommand, name: string, required: boolean): number | undefined {
  const text = flagValue(parsed, name);
  if (text === undefined) {
    if (required) throw new UsageError(`plan needs --${name} SECONDS`);
    return undefined;
  }
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0) || n > 7 * 86_400) {
    throw new UsageError(`--${name} must be a number of seconds greater than 0 (at most a week)`);
  }
  return n * 1000;
}

export interface PlanFlags {
  prices: string;
  deadline: string;
  now: number;
  objective: Objective;
  stepMs?: number;
}

/** The planning flags shared by `plan` and `send --prices`. */
export function planFlags(parsed: ParsedCommand): PlanFlags {
  const prices = flagValue(parsed, 'prices');
  if (prices === undefined) throw new UsageError(`${parsed.command} needs --prices FILE`);
  const deadline = flagValue(parsed, 'deadline');
  if (deadline === undefined) throw new UsageError(`${parsed.command} needs --deadline HH:MM|ISO`);
  const nowText = flagValue(parsed, 'now');
  const now = nowText === undefined ? Date.now() : Date.parse(nowText);
  if (!Number.isFinite(now)) throw new UsageError('--now must be an ISO date-time');
  const out: PlanFlags = { prices, deadline, now, objective: (flagValue(parsed, 'objective') ?? 'cheapest') as Objective };
  const step = positiveSeconds(parsed, 'step', false);
  if (step !== undefined) out.stepMs = step;
  return out;
}

/** Plans from the flags for a program of the given duration. */
export async function planFromFlags(flags: PlanFlags, durationMs: number): Promise<Plan> {
  const series = await readSeriesFile(flags.prices);
  const deadline = parseTimeSpec(flags.deadline, flags.now, '--deadline');
  return planStart({
    series,
    durationMs,
    deadline,
    now: flags.now,
    objective: flags.objective,
    ...(flags.stepMs !== undefined ? { stepMs: flags.stepMs } : {}),
  });
}

export async function planCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const flags = planFlags(parsed);
  const duration = positiveSeconds(parsed, 'duration', true) as number;
  printJson(io, await planFromFlags(flags, duration));
  return 0;
}
