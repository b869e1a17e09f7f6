/**
 * Runs the built `bin/homeconnect-local.js` as a child process for CLI tests. The bin is
 * pointed (HOMECONNECT_LOCAL_DIST) at the build these tests were compiled into, so the test
 * always exercises the same build it belongs to (dist under npm test, dist-<name> in dev).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../support/paths';

/** <build>/test/integration → <build>. */
export const buildDir = path.resolve(__dirname, '..', '..');
export const binPath = path.join(repoRoot, 'bin', 'homeconnect-local.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON lines of stdout so far (non-JSON lines skipped). */
  lines(): Array<Record<string, unknown>>;
  /** Resolves with the first JSON line matching, rejects when the process ends first. */
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves once stdout holds at least one full line; returns it. */
  firstLine(): Promise<string>;
  exited: Promise<CliResult>;
  /** Kills it if still running (afterEach safety net). */
  kill(): void;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, HOMECONNECT_LOCAL_DIST: buildDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const poke = (): void => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    poke();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  let done = false;
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => {
      done = true;
      poke();
      resolve({ code, signal, stdout: out, stderr: err });
    }),
  );
  const lines = (): Array<Record<string, unknown>> =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const waitFor = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = (): void => {
        const found = check();
        if (found !== undefined) return resolve(found);
        if (done) return reject(new Error(`the CLI ended first (stdout: ${out.slice(-2000)}; stderr: ${err.slice(-2000)})`));
        waiters.push(attempt);
      };
      attempt();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lines,
    waitForLine: (match) => waitFor(() => lines().find(match)),
    firstLine: () => waitFor(() => (out.includes('\n') ? out.slice(0, out.indexOf('\n')) : undefined)),
    exited,
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
  };
}

/** Runs to completion with optional stdin text. */
export async function runCli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<CliResult> {
  const cli = startCli(args, env);
  cli.child.stdin.end(stdin);
  return cli.exited;
}
