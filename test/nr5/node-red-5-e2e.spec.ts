/**
 * Node-RED 5 for real: red.js of the node-red-5 devDependency spawned on the Node 22 binary of the
 * node@22 devDependency, with this package linked into its userDir like a user's install. A flow
 * deployed through the Admin API against the simulator: the in node connects, values arrive
 * (connected first), and an out node starts a program that the simulator runs.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fetch } from 'undici';
import { ApplianceSimulator } from '../../src/simulator';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { startNodeRed, type NodeRedInstance } from '../support/browser-node-red';
import { node22Binary } from '../support/node22';

const TAB = 'e2e0000000000001';
const ACCOUNT = 'e2e0000000000002';
const PROGRAM = 'Dishcare.Dishwasher.Program.Eco50';

describe('Node-RED 5 on Node 22, spawned (end to end)', function () {
  this.timeout(60000);
  let sim: ApplianceSimulator | undefined;
  let red: NodeRedInstance | undefined;

  after(async () => {
    await red?.stop();
    await sim?.stop();
  });

  it('runs on Node 22', function () {
    const version = spawnSync(node22Binary(), ['--version'], { encoding: 'utf8' }).stdout.trim();
    assert.match(version, /^v22\./);
  });

  it('deploys a flow: in node connected, values arrive, an out node starts a program on the simulator', async function () {
    sim = new ApplianceSimulator({ record: demoDishwasher, timeScale: 1 });
    await sim.start();
    red = await startNodeRed({ redModule: 'node-red-5', nodeBinary: node22Binary() });
    const settings = (await (await fetch(`${red.url}/settings`)).json()) as { version?: string };
    assert.match(String(settings.version), /^5\./, 'Node-RED 5 answers');

    const log = path.join(red.userDir, 'messages.jsonl');
    const record = { ...demoDishwasher, host: sim.hostPort };
    const profiles = {
      [record.haId]: { key: record.key, deviceDescription: record.deviceDescription, featureMapping: record.featureMapping },
    };
    const flows = [
      { id: TAB, type: 'tab', label: 'e2e' },
      {
        id: ACCOUNT,
        type: 'homeconnect-local-account',
        name: 'e2e',
        region: 'EU',
        appliances: [
          {
            haId: record.haId,
            name: record.name,
            host: record.host,
            connectionType: record.connectionType,
            brand: record.brand,
            type: record.type,
            vib: record.vib,
          },
        ],
        credentials: { profiles: JSON.stringify(profiles) },
      },
      {
        id: 'e2e0000000000003',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT,
        appliance: record.haId,
        output: 'changes',
        filter: '',
        initial: true,
        connection: 'same',
        wires: [['e2e0000000000004']],
      },
      {
        // Every message to the log; the first 'connected' also asks the out node to start a program.
        id: 'e2e0000000000004',
        type: 'function',
        z: TAB,
        outputs: 2,
        noerr: 0,
        initialize: '',
        finalize: '',
        libs: [],
        func: [
          'const line = { payload: JSON.stringify({ topic: msg.topic, payload: msg.payload }) };',
          `if (msg.topic.endsWith('/connection') && msg.payload === 'connected' && !context.get('started')) {`,
          "  context.set('started', true);",
          `  return [line, { payload: { program: '${PROGRAM}', action: 'start' } }];`,
          '}',
          'return [line, null];',
        ].join('\n'),
        wires: [['e2e0000000000006'], ['e2e0000000000005']],
      },
      {
        id: 'e2e0000000000005',
        type: 'homeconnect-local-out',
        z: TAB,
        account: ACCOUNT,
        appliance: record.haId,
        allowDangerous: false,
        wires: [['e2e0000000000007']],
      },
      {
        id: 'e2e0000000000006',
        type: 'file',
        z: TAB,
        filename: log,
        filenameType: 'str',
        appendNewline: true,
        createDir: true,
        overwriteFile: 'false',
        encoding: 'none',
        wires: [[]],
      },
      {
        id: 'e2e0000000000007',
        type: 'function',
        z: TAB,
        outputs: 1,
        noerr: 0,
        initialize: '',
        finalize: '',
        libs: [],
        func: "return { payload: JSON.stringify({ topic: 'result', payload: msg.payload }) };",
        wires: [['e2e0000000000006']],
      },
    ];
    await red.deployFlows(flows);

    const lines = (): Array<{ topic: string; payload: unknown }> =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];
    const deadline = Date.now() + 30000;
    while (!(sim.programPhase === 'running' && lines().some((l) => l.topic === 'result'))) {
      if (Date.now() > deadline) {
        throw new Error(`no program start within 30 s; log: ${JSON.stringify(lines().slice(0, 5))}\nNode-RED:\n${red.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.strictEqual(sim.getValue('BSH.Common.Root.ActiveProgram'), PROGRAM);
    const got = lines();
    const connectedAt = got.findIndex((l) => l.topic === `${record.name}/connection` && l.payload === 'connected');
    const firstValue = got.findIndex((l) => l.topic.startsWith(`${record.name}/BSH.`));
    assert.ok(
      connectedAt >= 0 && firstValue > connectedAt,
      `connected, then values: ${got
        .slice(0, 4)
        .map((l) => l.topic)
        .join(', ')}`,
    );
    assert.ok(
      got.some((l) => l.topic === `${record.name}/BSH.Common.Status.DoorState`),
      'initial DoorState',
    );
    assert.deepStrictEqual(sim.violations, []);
    assert.ok(!/\[error\]/.test(red.output()), red.output());
  });
});
