import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { main } from '../../src/cli/main';
import { writeProfileZip } from '../../src/profile/import';
import { demoRecords } from '../../src/simulator/demo-profiles';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string> = {}, input = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin,
    env,
  });
  return { code, stdout, stderr };
}

/** One `homeconnect-local: …` line, no stack trace, no key material. */
function oneErrorLine(r: Run, pattern: RegExp): void {
  assert.match(r.stderr, /^homeconnect-local: [^\n]+\n$/, JSON.stringify(r.stderr));
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  for (const record of demoRecords()) {
    assert.ok(!r.stderr.includes(record.key), 'key leaked');
    if (record.iv) assert.ok(!r.stderr.includes(record.iv), 'iv leaked');
  }
}

describe('cli main (in-process)', () => {
  let dir: string;
  let recordsFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-cli-unit-'));
    recordsFile = path.join(dir, 'records.json');
    fs.writeFileSync(recordsFile, JSON.stringify(demoRecords().slice(0, 2))); // dishwasher and washer
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints usage for no arguments and --help, and per-command help', async () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const r = await run(argv);
      assert.strictEqual(r.code, 0);
      assert.match(r.stdout, /^Usage: homeconnect-local <command>/);
      assert.match(r.stdout, /watch <profile>/);
      assert.strictEqual(r.stderr, '');
    }
    const send = await run(['send', '--help']);
    assert.strictEqual(send.code, 0);
    assert.match(send.stdout, /--select PROGRAM \[--option KEY=VALUE \.\.\.\]/);
  });

  it('exits 2 with one line for usage mistakes', async () => {
    oneErrorLine(await run(['frobnicate']), /unknown command "frobnicate"/);
    const r = await run(['watch', recordsFile, '--bogus']);
    assert.strictEqual(r.code, 2);
    oneErrorLine(r, /watch does not take --bogus/);
    const noAction = await run(['send', recordsFile, '--appliance', 'washer']);
    assert.strictEqual(noAction.code, 2);
    oneErrorLine(noAction, /send needs one action/);
    const noProfile = await run(['watch']);
    assert.strictEqual(noProfile.code, 2);
    oneErrorLine(noProfile, /watch needs a profile/);
  });

  it('exits 1 with one line for a missing or unreadable file', async () => {
    const missing = await run(['send', path.join(dir, 'nope.zip'), '--stop']);
    assert.strictEqual(missing.code, 1);
    oneErrorLine(missing, /nope\.zip: no such file or folder/);
    const garbage = path.join(dir, 'garbage.json');
    fs.writeFileSync(garbage, '{ not json');
    const bad = await run(['watch', garbage]);
    assert.strictEqual(bad.code, 1);
    oneErrorLine(bad, /garbage\.json/);
    assert.strictEqual(bad.stdout, '');
  });

  it('asks for --appliance when the file holds several, naming them', async () => {
    const r = await run(['send', recordsFile, '--stop']);
    assert.strictEqual(r.code, 2);
    oneErrorLine(r, /holds 2 appliances; pick one with --appliance.*dishwasher \(HCLOCAL-DEMODW1-000000000001\).*washer/);
    const unknown = await run(['send', recordsFile, '--appliance', 'fridge', '--stop']);
    assert.strictEqual(unknown.code, 1);
    oneErrorLine(unknown, /No appliance "fridge" in .*dishwasher/);
  });

  it('rejects an unknown key or program before connecting', async () => {
    // The stored host is never contacted: the key check comes first.
    const key = await run(['send', recordsFile, '--appliance', 'washer', '--host', '127.0.0.1:1', '--set', 'NoSuchThing=1']);
    assert.strictEqual(key.code, 1);
    oneErrorLine(key, /NoSuchThing/);
    // The same outcome line as any failed send, with the kind the out node reports.
    assert.deepStrictEqual(JSON.parse(key.stdout), {
      ok: false,
      haId: demoRecords()[1].haId,
      action: 'set',
      error: { message: JSON.parse(key.stdout).error.message, kind: 'validation' },
    });
    const program = await run([
      'send',
      recordsFile,
      '--appliance',
      'HCLOCAL-DEMODW1-000000000001',
      '--host',
      '127.0.0.1:1',
      '--select',
      'Dishcare.Dishwasher.Program.Nope',
    ]);
    assert.strictEqual(program.code, 1);
    oneErrorLine(program, /Dishcare\.Dishwasher\.Program\.Nope/);
  });

  it("login prints the region's authorize address and fails cleanly when nothing is pasted", async () => {
    const eu = await run(['login', '--out', path.join(dir, 'none')]);
    assert.strictEqual(eu.code, 1);
    assert.match(eu.stdout, /^https:\/\/api\.home-connect\.com\/security\/oauth\/authorize\?[^\n]*code_challenge_method=S256[^\n]*\n$/);
    assert.match(eu.stderr, /Open this address in a browser/);
    assert.match(eu.stderr, /\nhomeconnect-local: Nothing was pasted[^\n]*\n$/);
    assert.ok(!fs.existsSync(path.join(dir, 'none')));
    const na = await run(['login', '--region', 'na'], {}, '\n');
    assert.match(na.stdout, /^https:\/\/api-rna\.home-connect\.com\//);
    const local = await run(['login'], { HOMECONNECT_LOCAL_API_URL: 'http://127.0.0.1:9' });
    assert.match(local.stdout, /^http:\/\/127\.0\.0\.1:9\/security\/oauth\/authorize\?/);
    const garbage = await run(['login'], {}, 'not an address at all\n');
    assert.strictEqual(garbage.code, 1);
    assert.match(garbage.stderr, /\nhomeconnect-local: The pasted text does not contain a login code[^\n]*\n$/);
    assert.ok(!garbage.stderr.includes('not an address at all'), 'pasted text is not echoed');
  });

  /** Runs a long-running command in-process, stopping it as soon as it prints anything. */
  async function runUntilOutput(argv: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const controller = new AbortController();
    const stdin = new PassThrough();
    stdin.end();
    const code = await main(argv, {
      stdout: {
        write: (t: string) => {
          stdout += t;
          controller.abort();
        },
      },
      stderr: { write: (t: string) => (stderr += t) },
      stdin,
      env: {},
      signal: controller.signal,
    });
    return { code, stdout, stderr };
  }

  it('watch with a profile that cannot be used exits 1 with one line, no events', async () => {
    const [dw] = demoRecords();
    const broken = path.join(dir, 'broken-xml.json');
    // Accepted by the importer (root element <device>), refused by the profile parser.
    fs.writeFileSync(broken, JSON.stringify([{ ...dw, deviceDescription: '<device><!-- never closed' }]));
    const xml = await runUntilOutput(['watch', broken]);
    assert.strictEqual(xml.code, 1, xml.stdout);
    oneErrorLine(xml, /cannot be used: .*not well-formed/);
    assert.strictEqual(xml.stdout, '');

    const host = await runUntilOutput(['watch', recordsFile, '--appliance', 'washer', '--host', '127.0.0.1:99999']);
    assert.strictEqual(host.code, 1, host.stdout);
    oneErrorLine(host, /Cannot watch washer .*port must be a number/);
    assert.strictEqual(host.stdout, '');
  });

  it('a profile folder with unrelated files: each skipped with a warning line, the rest used', async () => {
    const folder = path.join(dir, 'downloads');
    fs.mkdirSync(folder);
    const [dw] = demoRecords();
    const zip = writeProfileZip(dw);
    fs.writeFileSync(path.join(folder, zip.fileName), zip.data);
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    fs.writeFileSync(path.join(folder, 'broken.zip'), 'not a zip');
    // send checks the key against the profile before connecting: the folder was read.
    const r = await run(['send', folder, '--host', '127.0.0.1:1', '--set', 'NoSuchThing=1']);
    assert.strictEqual(r.code, 1);
    const lines = r.stderr.trimEnd().split('\n');
    assert.strictEqual(lines.length, 3, r.stderr);
    assert.match(lines[0], /^homeconnect-local: warning: broken\.zip is not a readable ZIP file[^\n]* Skipped\.$/);
    assert.match(lines[1], /^homeconnect-local: warning: package\.json is not an appliance records file[^\n]* Skipped\.$/);
    assert.match(lines[2], /^homeconnect-local: .*NoSuchThing/);

    const empty = path.join(dir, 'nothing-usable');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'package.json'), JSON.stringify({ name: 'x' }));
    const none = await run(['watch', empty]);
    assert.strictEqual(none.code, 1);
    oneErrorLine(none, /No file in .*nothing-usable could be imported: package\.json is not an appliance records file/);
  });

  it('simulate --demo refuses a name outside the demo list, naming the demos', async () => {
    const r = await run(['simulate', '--demo', 'toaster']);
    assert.strictEqual(r.code, 2);
    oneErrorLine(
      r,
      new RegExp(
        `--demo must be one of ${demoRecords()
          .map((d) => d.name)
          .join(', ')}$`,
        'm',
      ),
    );
  });

  it('refuses simulate with both a profile and --demo', async () => {
    const r = await run(['simulate', recordsFile, '--demo', 'washer']);
    assert.strictEqual(r.code, 2);
    oneErrorLine(r, /either a profile or --demo/);
  });
});
