/**
 * A real mosquitto broker for tests: a child process on a random free 127.0.0.1 port with a
 * temporary config (anonymous, no persistence), plus a raw MQTT client taken from the `mqtt`
 * package that Node-RED's core mqtt nodes depend on (this package itself has no MQTT dependency).
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { nodeRedPrefix } from './node-red-helper';

/** The mosquitto binary: $MOSQUITTO, the Debian location, or the first one on PATH. */
export function findMosquitto(): string | undefined {
  const candidates = [process.env.MOSQUITTO, '/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'mosquitto'));
  for (const c of candidates) {
    if (!c) continue;
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** What the broker printed (for failure messages). */
  output(): string;
  /** Stops the broker (retained messages are lost: no persistence) and starts a new one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Run {
  output(): string;
  stop(): Promise<void>;
}

/** Starts mosquitto and resolves once it accepts TCP connections. Retries another port if one was taken. */
export async function startMosquitto(binary: string, attempts = 3): Promise<Mosquitto> {
  let lastError: Error | undefined;
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    let run: Run;
    try {
      run = await startOnce(binary, port);
    } catch (e) {
      lastError = e as Error;
      continue;
    }
    let previous = '';
    return {
      port,
      url: `mqtt://127.0.0.1:${port}`,
      output: () => previous + run.output(),
      restart: async () => {
        await run.stop();
        previous += run.output();
        run = await startOnce(binary, port);
      },
      stop: () => run.stop(),
    };
  }
  throw lastError ?? new Error('mosquitto did not start');
}

async function startOnce(binary: string, port: number): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', ''].join('\n'));
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (e) => {
      text += String(e);
      exited = true;
      resolve();
    });
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 5000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`mosquitto did not start on port ${port}: ${text.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { output: () => text, stop };
}

/** The parts of the `mqtt` package's client the tests use. */
export interface MqttClient {
  on(event: 'message', cb: (topic: string, payload: Buffer, packet: { retain: boolean }) => void): MqttClient;
  on(event: 'connect' | 'error' | 'close', cb: (arg?: unknown) => void): MqttClient;
  once(event: 'connect', cb: () => void): MqttClient;
  once(event: 'error', cb: (err: Error) => void): MqttClient;
  subscribe(topic: string, opts: { qos: 0 | 1 | 2 }, cb: (err: Error | null) => void): void;
  publish(topic: string, payload: string, opts: { qos: 0 | 1 | 2; retain?: boolean }, cb: (err?: Error) => void): void;
  end(force: boolean, opts: object, cb: () => void): void;
}

/** The `mqtt` module Node-RED's core mqtt node uses (resolved from @node-red/nodes). */
export function mqttModule(): { connect(url: string, opts: object): MqttClient } {
  const from = path.join(nodeRedPrefix, '@node-red', 'nodes');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy inside the Node-RED under test, found at run time
  return require(require.resolve('mqtt', { paths: [from] }));
}

/** A connected raw client; rejects with the broker's error. */
export function connectClient(url: string): Promise<MqttClient> {
  const client = mqttModule().connect(url, { clientId: `hcl-test-${process.pid}-${Date.now()}`, reconnectPeriod: 0, connectTimeout: 5000 });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (e) => client.end(true, {}, () => reject(e)));
  });
}

export function subscribe(client: MqttClient, topic: string): Promise<void> {
  return new Promise((resolve, reject) => client.subscribe(topic, { qos: 0 }, (err) => (err ? reject(err) : resolve())));
}

export function publish(client: MqttClient, topic: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve())));
}

export function endClient(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.end(true, {}, () => resolve()));
}
