/**
 * The built `homeconnect-local` bin end to end: simulate, watch, send (both transports) and
 * login against the fake cloud, all on 127.0.0.1 with random ports.
 */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import type { AddressInfo } from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { importPath, writeProfileZip } from '../../src/profile/import';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoRecords, demoWasher } from '../../src/simulator/demo-profiles';
import { browserLogin, closedPort, fakeApplianceFrom, startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { selfSignedCertificate } from '../support/self-signed';
import { runCli, startCli, type CliProcess, type CliResult } from './cli-runner';

const SECRETS = demoRecords().flatMap((r) => [r.key, ...(r.iv ? [r.iv] : [])]);

function assertOneErrorLine(r: CliResult, pattern: RegExp): void {
  assert.match(r.stderr, /^homeconnect-local: [^\n]+\n$/, `stderr: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, pattern);
  for (const secret of SECRETS) assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret), 'secret printed');
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('homeconnect-local bin (127.0.0.1)', function () {
  this.timeout(30_000);
  let dir: string;
  const running: CliProcess[] = [];
  const simulators: ApplianceSimulator[] = [];
  const connections: ApplianceConnection[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const c of connections.splice(0)) await c.stop();
    for (const p of running.splice(0)) {
      p.kill();
      await p.exited;
    }
    for (const s of simulators.splice(0)) await s.stop();
  });

  function cli(args: string[], env?: Record<string, string>): CliProcess {
    const p = startCli(args, env);
    running.push(p);
    return p;
  }

  /** A simulator for the record, and a records JSON pointing at it. */
  async function simulated(record: ApplianceRecord, name: string): Promise<{ file: string; sim: ApplianceSimulator }> {
    const sim = new ApplianceSimulator({ record: { ...record }, host: '127.0.0.1', port: 0, timeScale: 60 });
    simulators.push(sim);
    const { port } = await sim.start();
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify([{ ...record, host: `127.0.0.1:${port}` }]));
    return { file, sim };
  }

  describe('simulate', () => {
    for (const [demo, record, transport] of [
      ['dishwasher', demoDishwasher, 'tls'],
      ['washer', demoWasher, 'aes'],
    ] as const) {
      it(`--demo ${demo} prints one listening line, serves a client and stops on SIGINT`, async () => {
        const p = cli(['simulate', '--demo', demo, '--bind', '127.0.0.1', '--port', '0']);
        const line = await p.waitForLine((l) => 'listening' in l);
        assert.deepStrictEqual(Object.keys(line), ['listening', 'haId', 'transport']);
        assert.strictEqual(line.haId, record.haId);
        assert.strictEqual(line.transport, transport);
        const url = new URL(String(line.listening));
        assert.strictEqual(url.hostname, '127.0.0.1');
        assert.strictEqual(url.protocol, transport === 'tls' ? 'wss:' : 'ws:');

        const client = new ApplianceConnection({ record: { ...record, host: url.host } });
        connections.push(client);
        await new Promise<void>((resolve) => {
          client.on('state', (s) => s.state === 'connected' && resolve());
          client.start();
        });
        assert.ok(client.currentValues().some((v) => v.key === 'BSH.Common.Status.DoorState'));

        // A second client (send) is served while the first stays connected, like a real appliance.
        const file = path.join(dir, `simulate-${demo}.json`);
        fs.writeFileSync(file, JSON.stringify([{ ...record, host: url.host }]));
        const seen = new Promise<void>((resolve) =>
          client.on('values', (vs) => vs.some((v) => v.key === 'BSH.Common.Setting.ChildLock' && v.value === true) && resolve()),
        );
        const send = await runCli(['send', file, '--set', 'BSH.Common.Setting.ChildLock=true']);
        assert.strictEqual(send.code, 0, send.stderr);
        await seen;
        await client.stop();

        p.child.kill('SIGINT');
        const result = await p.exited;
        assert.strictEqual(result.code, 0, result.stderr);
        assert.strictEqual(jsonLines(result.stdout).length, 1, 'exactly one line on stdout');
      });
    }

    it('simulates a profile file with --transport and --services', async () => {
      const file = path.join(dir, 'both.json');
      fs.writeFileSync(file, JSON.stringify(demoRecords()));
      const p = cli(['simulate', file, '--appliance', 'washer', '--transport', 'aes', '--services', 'legacy']);
      const line = await p.waitForLine((l) => 'listening' in l);
      assert.strictEqual(line.haId, demoWasher.haId);
      assert.strictEqual(line.transport, 'aes');
      p.child.kill('SIGTERM');
      assert.strictEqual((await p.exited).code, 0);
    });
  });

  describe('watch', () => {
    it('prints the connected event and every initial value, then changes', async () => {
      const { file, sim } = await simulated(demoDishwasher, 'watch-dw');
      // watch stays connected while send makes a second connection.
      sim.faults.refuseSecondConnection(false);
      const p = cli(['watch', file]);
      await p.waitForLine((l) => l.event === 'connected');
      const door = await p.waitForLine((l) => l.key === 'BSH.Common.Status.DoorState');
      assert.deepStrictEqual(Object.keys(door).sort(), ['haId', 'key', 'raw', 'uid', 'value']);
      assert.strictEqual(door.haId, demoDishwasher.haId);
      assert.strictEqual(door.uid, 527);
      assert.strictEqual(typeof door.raw, 'number');
      assert.strictEqual(typeof door.value, 'string', 'enum values are member names');
      const power = await p.waitForLine((l) => l.key === 'BSH.Common.Setting.PowerState');
      // connecting, handshaking, connected, then the values; never a value before connected.
      const order = p.lines().map((l) => (typeof l.event === 'string' ? l.event : 'value'));
      const firstValue = order.indexOf('value');
      assert.deepStrictEqual(order.slice(0, firstValue), ['connecting', 'handshaking', 'connected']);
      assert.ok(power.value === 'On' || power.value === 'Off');
      const events = p.lines().filter((l) => 'event' in l);
      assert.ok(events.every((e) => e.haId === demoDishwasher.haId && typeof e.event === 'string'));
      assert.ok(!p.lines().some((l) => 'direction' in l), 'no raw lines without --raw');

      // A change made by another client shows up as one more line.
      const target = power.value === 'On' ? 'Off' : 'On';
      const send = await runCli(['send', file, '--set', `PowerState=${target}`]);
      assert.strictEqual(send.code, 0, send.stderr);
      await p.waitForLine((l) => l.key === 'BSH.Common.Setting.PowerState' && l.value === target);

      p.child.kill('SIGINT');
      const result = await p.exited;
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stderr, '');
    });

    it('--raw adds every message in and out (AES)', async () => {
      const { file } = await simulated(demoWasher, 'watch-wm');
      const p = cli(['watch', file, '--raw']);
      await p.waitForLine((l) => l.event === 'connected');
      const out = await p.waitForLine((l) => l.direction === 'out');
      const inbound = await p.waitForLine((l) => l.direction === 'in');
      assert.strictEqual(out.haId, demoWasher.haId);
      assert.strictEqual(typeof (inbound.message as { resource?: unknown }).resource, 'string');
      assert.ok(p.lines().some((l) => l.direction === 'in' && (l.message as { resource?: string }).resource === '/ei/initialValues'));
      p.child.kill('SIGINT');
      assert.strictEqual((await p.exited).code, 0);
    });
  });

  describe('send', () => {
    for (const record of [demoDishwasher, demoWasher]) {
      it(`--set, --select, --start with --option, --stop over ${record.connectionType}`, async () => {
        const { file } = await simulated(record, `send-${record.name}`);
        const set = await runCli(['send', file, '--set', 'ChildLock=true']);
        assert.strictEqual(set.code, 0, set.stderr);
        const setLine = jsonLines(set.stdout);
        assert.strictEqual(setLine.length, 1);
        assert.strictEqual(setLine[0]?.ok, true);
        assert.strictEqual(setLine[0]?.haId, record.haId);
        assert.strictEqual(setLine[0]?.action, 'set');
        assert.deepStrictEqual(setLine[0]?.sent, [{ uid: 524, value: true }]);

        const program = record === demoDishwasher ? 'Dishcare.Dishwasher.Program.Eco50' : 'LaundryCare.Washer.Program.Cotton';
        const option = record === demoDishwasher ? 'VarioSpeedPlus=true' : 'LaundryCare.Washer.Option.Temperature=GC40';
        const select = await runCli(['send', file, '--select', program]);
        assert.strictEqual(select.code, 0, select.stderr);
        assert.strictEqual(jsonLines(select.stdout)[0]?.action, 'select');

        const start = await runCli(['send', file, '--start', program, '--option', option]);
        assert.strictEqual(start.code, 0, start.stderr);
        const started = jsonLines(start.stdout)[0] as { ok: boolean; action: string; sent: unknown };
        assert.strictEqual(started.ok, true);
        assert.strictEqual(started.action, 'start');
        assert.match(JSON.stringify(started.sent), record === demoDishwasher ? /"uid":5127,"value":true/ : /"uid":24577,"value":3/);

        const stop = await runCli(['send', file, '--stop']);
        assert.strictEqual(stop.code, 0, stop.stderr);
        assert.strictEqual(jsonLines(stop.stdout)[0]?.ok, true);
      });
    }

    it('a validation error exits 1 with one line and an ok:false outcome', async () => {
      const { file } = await simulated(demoWasher, 'send-invalid');
      const r = await runCli(['send', file, '--set', 'PowerState=Sideways']);
      assert.strictEqual(r.code, 1);
      assertOneErrorLine(r, /Sideways/);
      const outcome = jsonLines(r.stdout)[0] as { ok: boolean; error: { kind: string } };
      assert.strictEqual(outcome.ok, false);
      assert.strictEqual(outcome.error.kind, 'validation');
    });

    it("an appliance error exits 1 naming the appliance's error", async () => {
      const { file } = await simulated(demoDishwasher, 'send-appliance-error');
      // DoorState is read-only: the simulator, like a real appliance, refuses the write.
      const r = await runCli(['send', file, '--raw', '{"resource":"/ro/values","action":"POST","data":[{"uid":527,"value":0}]}']);
      assert.strictEqual(r.code, 1, r.stdout);
      assertOneErrorLine(r, /BSH\.Common\.Error\.[A-Za-z.]+/);
      // The out node's sentence for the same failure.
      assert.match(r.stderr, /The appliance answered POST \/ro\/values with error \d+ \(BSH\.Common\.Error\./);
      const outcome = jsonLines(r.stdout)[0] as { ok: boolean; error: { kind: string; codeName: string } };
      assert.strictEqual(outcome.ok, false);
      assert.strictEqual(outcome.error.kind, 'appliance-error');
      assert.match(outcome.error.codeName, /^BSH\.Common\.Error\./);
    });

    it('--start with --start-in / --finish-in maps to the delayed-start option the program has', async () => {
      for (const [record, program, flag, uid] of [
        [demoDishwasher, 'Dishcare.Dishwasher.Program.Eco50', '--start-in', 558],
        [demoWasher, 'LaundryCare.Washer.Program.Cotton', '--finish-in', 551],
      ] as const) {
        const { file, sim } = await simulated(record, `send-delay-${record.name}`);
        const n = sim.received.length;
        const r = await runCli(['send', file, '--start', program, flag, '3600']);
        assert.strictEqual(r.code, 0, r.stderr);
        const line = jsonLines(r.stdout)[0] as { ok: boolean; action: string };
        assert.strictEqual(line.ok, true);
        assert.strictEqual(line.action, 'start');
        const start = sim.received.slice(n).find((m) => m.resource === '/ro/activeProgram' && m.action === 'POST');
        assert.ok(start, 'program started');
        const options = (start.data as Array<{ options: Array<{ uid: number; value: unknown }> }>)[0].options;
        assert.ok(
          options.some((o) => o.uid === uid && o.value === 3600),
          JSON.stringify(options),
        );
        // --command runs a command through the same model (AbortProgram = uid 512).
        const abort = await runCli(['send', file, '--command', 'BSH.Common.Command.AbortProgram']);
        assert.strictEqual(abort.code, 0, abort.stderr);
        assert.strictEqual(jsonLines(abort.stdout)[0]?.action, 'command');
        assert.ok(
          sim.received.some((m) => m.resource === '/ro/values' && JSON.stringify(m.data) === '[{"uid":512,"value":true}]'),
          'abort sent',
        );
      }
    });

    it('refuses dangerous commands and raw writes outside the safe resources before connecting, unless --allow-dangerous', async () => {
      const { file, sim } = await simulated(demoDishwasher, 'send-dangerous');
      const before = sim.connectionCount;
      for (const args of [
        ['--command', 'BSH.Common.Command.ApplyFactoryReset'],
        ['--set', 'BSH.Common.Setting.DeactivateWiFi=true'],
        ['--raw', '{"resource":"/ni/config","action":"POST","data":[]}'],
      ]) {
        const r = await runCli(['send', file, ...args]);
        assert.strictEqual(r.code, 1, r.stdout);
        assertOneErrorLine(r, /is refused: it can reset the appliance or cut its network\. Add --allow-dangerous to send it\./);
        const outcome = jsonLines(r.stdout)[0] as { ok: boolean; error: { kind: string } };
        assert.strictEqual(outcome.ok, false);
        assert.strictEqual(outcome.error.kind, 'validation');
      }
      assert.strictEqual(sim.connectionCount, before, 'no connection was made');
      // Allowed, the raw write goes out (whatever the appliance answers).
      await runCli(['send', file, '--allow-dangerous', '--raw', '{"resource":"/ni/config","action":"POST","data":[]}']);
      assert.strictEqual(sim.connectionCount, before + 1);
      assert.ok(
        sim.received.some((m) => m.resource === '/ni/config' && m.action === 'POST'),
        'raw write sent',
      );
    });

    it('--raw GET prints the response data', async () => {
      const { file } = await simulated(demoDishwasher, 'send-raw');
      const r = await runCli(['send', file, '--raw', '{"resource":"/ro/allMandatoryValues","action":"GET"}']);
      assert.strictEqual(r.code, 0, r.stderr);
      const outcome = jsonLines(r.stdout)[0] as { ok: boolean; action: string; data: Array<{ uid: number }> };
      assert.strictEqual(outcome.ok, true);
      assert.strictEqual(outcome.action, 'raw');
      assert.ok(outcome.data.some((d) => d.uid === 527));
    });

    it('an unreachable host is one clear line, exit 1', async () => {
      const file = path.join(dir, 'closed.json');
      fs.writeFileSync(file, JSON.stringify([demoWasher]));
      const port = await closedPort();
      const r = await runCli(['send', file, '--host', `127.0.0.1:${port}`, '--stop', '--timeout', '10']);
      assert.strictEqual(r.code, 1);
      assertOneErrorLine(r, new RegExp(`Could not connect to .*127\\.0\\.0\\.1:${port}.*offline`));
      assert.match(r.stderr, /: the appliance is not reachable \(ECONNREFUSED\)/);
      assert.strictEqual(r.stderr.split(`127.0.0.1:${port}`).length - 1, 1, 'the address is said once');
    });

    /** The line names the appliance (name, haId, address) once, then says "the appliance". */
    function namedOnce(stderr: string, record: ApplianceRecord, host: string): void {
      const count = (needle: string): number => stderr.split(needle).length - 1;
      assert.strictEqual(count(record.haId), 1, stderr);
      assert.strictEqual(count(host), 1, stderr);
    }

    it('a wrong key: one line naming the appliance once and saying the key is wrong', async () => {
      const { sim } = await simulated(demoDishwasher, 'send-wrong-key');
      const wrong = path.join(dir, 'wrong-key.json');
      const host = `127.0.0.1:${new URL(sim.url).port}`;
      fs.writeFileSync(wrong, JSON.stringify([{ ...demoDishwasher, key: Buffer.alloc(32, 7).toString('base64url'), host }]));
      const r = await runCli(['send', wrong, '--stop']);
      assert.strictEqual(r.code, 1);
      assertOneErrorLine(
        r,
        /^homeconnect-local: Could not connect to dishwasher \(HCLOCAL-DEMODW1-000000000001\) at 127\.0\.0\.1:\d+ \(auth-failed\): .*the key is wrong\.\n$/,
      );
      namedOnce(r.stderr, demoDishwasher, host);
      assert.strictEqual((jsonLines(r.stdout)[0] as { error: { kind: string } }).error.kind, 'auth-failed');
    });

    it('a TLS address that is an ordinary certificate server: "not a Home Connect appliance, check the IP" (send and watch)', async () => {
      const { key, cert } = selfSignedCertificate();
      const server = tls.createServer({ key, cert }, (socket) => socket.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
        const file = path.join(dir, 'router.json');
        fs.writeFileSync(file, JSON.stringify([{ ...demoDishwasher, host }]));
        const r = await runCli(['send', file, '--stop']);
        assert.strictEqual(r.code, 1);
        assertOneErrorLine(r, /not a Home Connect appliance.*Check the appliance's IP address/);
        assert.doesNotMatch(r.stderr, /auth-failed|key is/);
        namedOnce(r.stderr, demoDishwasher, host);
        const outcome = jsonLines(r.stdout)[0] as { error: { kind: string } };
        assert.strictEqual(outcome.error.kind, 'protocol');

        const p = cli(['watch', file]);
        const event = await p.waitForLine((l) => l.event === 'error');
        assert.match(String(event.reason), /not a Home Connect appliance/);
      } finally {
        server.close();
      }
    });

    it('an AES address answering HTTP 404: names both causes (not the appliance, or a stuck server)', async () => {
      const { file, sim } = await simulated(demoWasher, 'send-404');
      sim.faults.rejectUpgrade(404);
      const r = await runCli(['send', file, '--stop']);
      assert.strictEqual(r.code, 1);
      assertOneErrorLine(r, /HTTP 404.*not the appliance \(check its IP address\).*local server is stuck.*power-cycled/);
      namedOnce(r.stderr, demoWasher, `127.0.0.1:${new URL(sim.url).port}`);
    });

    it('a bad file and a bad flag: one line, exit 1 and 2, no stack trace', async () => {
      const bad = await runCli(['send', path.join(dir, 'missing.zip'), '--stop']);
      assert.strictEqual(bad.code, 1);
      assertOneErrorLine(bad, /missing\.zip: no such file or folder/);
      const flag = await runCli(['send', path.join(dir, 'missing.zip'), '--frobnicate']);
      assert.strictEqual(flag.code, 2);
      assertOneErrorLine(flag, /send does not take --frobnicate/);
    });
  });

  describe('login', () => {
    let cloud: FakeCloud | undefined;
    afterEach(async () => {
      await cloud?.close();
      cloud = undefined;
    });

    it('prints the address, reads the pasted one, writes ZIPs that import back, reports failures', async () => {
      cloud = await startFakeCloud({
        appliances: [
          fakeApplianceFrom(demoDishwasher),
          fakeApplianceFrom(demoWasher),
          fakeApplianceFrom({ ...demoDishwasher, haId: 'BROKEN-1' }, { failFiles: true }),
        ],
      });
      const out = path.join(dir, 'login-out');
      // Traps at the names login will pick in the next minute (they are predictable): a symlink to
      // a file outside, or an existing 0644 file. Neither may be written through or keep its mode.
      fs.mkdirSync(out);
      const victim = path.join(dir, 'victim.txt');
      fs.writeFileSync(victim, 'untouched');
      const traps = new Set<string>();
      for (let s = -2; s < 60; s++) {
        // Without a MAC from the cloud, login takes it from the haId's last part.
        const asLoggedIn = { ...demoDishwasher, mac: demoDishwasher.haId.split('-').pop() as string };
        const name = writeProfileZip(asLoggedIn, new Date(Date.now() + s * 1000)).fileName;
        traps.add(path.join(out, name));
        if (s % 2 === 0) fs.symlinkSync(victim, path.join(out, name));
        else fs.writeFileSync(path.join(out, name), 'old', { mode: 0o644 });
      }
      const env = { HOMECONNECT_LOCAL_API_URL: cloud.url, HOMECONNECT_LOCAL_ASSET_URL: cloud.url };
      const p = cli(['login', '--region', 'EU', '--out', out], env);
      const url = await p.firstLine();
      assert.ok(url.startsWith(`${cloud.url}/security/oauth/authorize?`), url);
      const pasted = await browserLogin(url);
      p.child.stdin.end(`${pasted}\n`);
      const result = await p.exited;
      assert.strictEqual(result.code, 0, result.stderr);

      const [first, ...written] = result.stdout.split('\n').filter((l) => l !== '');
      assert.strictEqual(first, url);
      const files = written.map((l) => JSON.parse(l) as { file: string; haId: string; connectionType: string });
      assert.deepStrictEqual(files.map((f) => f.haId).sort(), [demoDishwasher.haId, demoWasher.haId].sort());
      const dwFile = files.find((f) => f.haId === demoDishwasher.haId)!.file;
      assert.ok(traps.has(dwFile), `the trap was at the name login used (${dwFile}; traps ${[...traps][0]})`);
      assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'untouched', 'never written through a symlink');
      for (const f of files) {
        assert.strictEqual(path.dirname(f.file), out);
        assert.ok(!fs.lstatSync(f.file).isSymbolicLink());
        assert.strictEqual(fs.statSync(f.file).mode & 0o777, 0o600);
        const [record] = await importPath(f.file);
        const original = f.haId === demoWasher.haId ? demoWasher : demoDishwasher;
        assert.strictEqual(record?.haId, original.haId);
        assert.strictEqual(record?.key, original.key);
        assert.strictEqual(record?.iv, original.iv);
        assert.strictEqual(record?.connectionType, original.connectionType);
      }
      // The instructions and the failure go to stderr; the failing appliance is named.
      assert.match(result.stderr, /Open this address in a browser/);
      assert.match(result.stderr, /^homeconnect-local: .*BROKEN-1.*$/m);
      for (const token of cloud.issuedTokens) {
        assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token), 'token printed');
      }
      assert.ok(!result.stdout.includes(demoDishwasher.key) && !result.stderr.includes(demoDishwasher.key));
    });

    it('a rejected login is one error line and exit 1', async () => {
      cloud = await startFakeCloud({ appliances: [fakeApplianceFrom(demoWasher)], codeTtlMs: 0 });
      const env = { HOMECONNECT_LOCAL_API_URL: cloud.url, HOMECONNECT_LOCAL_ASSET_URL: cloud.url };
      const p = cli(['login', '--out', path.join(dir, 'never')], env);
      const pasted = await browserLogin(await p.firstLine());
      p.child.stdin.end(`${pasted}\n`);
      const result = await p.exited;
      assert.strictEqual(result.code, 1);
      assert.match(result.stderr, /\nhomeconnect-local: The code has expired[^\n]*\n$/);
      assert.ok(!fs.existsSync(path.join(dir, 'never')));
    });
  });
});
