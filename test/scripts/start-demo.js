#!/usr/bin/env node
'use strict';
/*
 * `npm start`: a local Node-RED with this package, two simulated appliances (a TLS dishwasher and
 * an AES washer) and a demo flow. Everything lives in the git-ignored .demo/ folder. Run after
 * `npm run build` (npm start does both). Ctrl-C stops Node-RED and the simulators.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const userDir = path.join(root, '.demo');
const port = Number(process.env.PORT || 1880);
const timeScale = Number(process.env.DEMO_TIME_SCALE || 60);
const CREDENTIAL_SECRET = 'homeconnect-local-demo';
const ACCOUNT_ID = 'a1c0de0000demo01'; // the id the examples refer to
const TAB_ID = 'de30000000000001';

function requireBuilt(rel) {
  const file = path.join(root, 'dist', rel);
  if (!fs.existsSync(file + '.js')) {
    console.error(`${path.relative(root, file)}.js is missing: run "npm run build" first (npm start does).`);
    process.exit(1);
  }
  return require(file);
}

/** Links the package into .demo/node_modules so Node-RED loads it through package.json "node-red". */
function linkPackage() {
  const scopeDir = path.join(userDir, 'node_modules', '@homeconnect-local');
  fs.mkdirSync(scopeDir, { recursive: true });
  const link = path.join(scopeDir, 'node-red');
  try {
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // nothing there
  }
  fs.symlinkSync(root, link, 'junction');
  const pkg = path.join(userDir, 'package.json');
  fs.writeFileSync(
    pkg,
    JSON.stringify({ name: 'homeconnect-local-demo', private: true, dependencies: { '@homeconnect-local/node-red': 'file:..' } }, null, 2) +
      '\n',
  );
}

function writeSettings() {
  const file = path.join(userDir, 'settings.js');
  const settings = `// Written by test/scripts/start-demo.js on every start.
module.exports = {
  uiHost: '127.0.0.1',
  uiPort: ${port},
  flowFile: 'flows.json',
  credentialSecret: '${CREDENTIAL_SECRET}',
  telemetry: { enabled: false },
  diagnostics: { enabled: false },
  editorTheme: { tours: false, projects: { enabled: false } },
  logging: { console: { level: 'info', metrics: false, audit: false } },
};
`;
  fs.writeFileSync(file, settings);
  return file;
}

/** Node-RED's own credential format: AES-256-CTR, key sha256(credentialSecret), "$" = iv hex + base64. */
function encryptCredentials(creds) {
  const key = crypto.createHash('sha256').update(CREDENTIAL_SECRET).digest();
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-ctr', key, iv);
  return { $: iv.toString('hex') + cipher.update(JSON.stringify(creds), 'utf8', 'base64') + cipher.final('base64') };
}

function demoFlow(records) {
  const account = {
    id: ACCOUNT_ID,
    type: 'homeconnect-local-account',
    name: 'Demo appliances',
    region: 'EU',
    appliances: records.map((r) => ({
      haId: r.haId,
      name: r.name,
      host: r.host,
      connectionType: r.connectionType,
      brand: r.brand,
      type: r.type,
      vib: r.vib,
    })),
  };
  const profiles = {};
  for (const r of records) {
    profiles[r.haId] = {
      key: r.key,
      ...(r.iv ? { iv: r.iv } : {}),
      deviceDescription: r.deviceDescription,
      featureMapping: r.featureMapping,
    };
  }
  const tab = { id: TAB_ID, type: 'tab', label: 'Home Connect demo', disabled: false, info: '' };
  const watch = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'watch-an-appliance.json'), 'utf8'));
  for (const n of watch) n.z = TAB_ID;
  const [dw, wm] = records;
  const out = {
    id: 'de30000000000010',
    type: 'homeconnect-local-out',
    z: TAB_ID,
    name: '',
    account: ACCOUNT_ID,
    appliance: dw.haId,
    allowDangerous: false,
    x: 520,
    y: 320,
    wires: [['de30000000000011']],
  };
  const result = {
    id: 'de30000000000011',
    type: 'debug',
    z: TAB_ID,
    name: 'result',
    active: true,
    tosidebar: true,
    console: false,
    tostatus: false,
    complete: 'payload',
    targetType: 'msg',
    statusVal: '',
    statusType: 'auto',
    x: 710,
    y: 320,
    wires: [],
  };
  const inject = (id, name, payload, y) => ({
    id,
    type: 'inject',
    z: TAB_ID,
    name,
    props: [{ p: 'payload' }],
    repeat: '',
    crontab: '',
    once: false,
    onceDelay: 0.1,
    topic: '',
    payload: JSON.stringify(payload),
    payloadType: 'json',
    x: 260,
    y,
    wires: [[out.id]],
  });
  const errors = {
    id: 'de30000000000012',
    type: 'debug',
    z: TAB_ID,
    name: 'refused',
    active: true,
    tosidebar: true,
    console: false,
    tostatus: false,
    complete: 'error',
    targetType: 'msg',
    statusVal: '',
    statusType: 'auto',
    x: 520,
    y: 420,
    wires: [],
  };
  const catchNode = {
    id: 'de30000000000013',
    type: 'catch',
    z: TAB_ID,
    name: '',
    scope: [out.id],
    uncaught: false,
    x: 330,
    y: 420,
    wires: [[errors.id]],
  };
  const note = {
    id: 'de30000000000014',
    type: 'comment',
    z: TAB_ID,
    name: 'Start and stop the simulated dishwasher',
    info: `Press the inject buttons. Programs run ${timeScale}x faster than real time in the simulator. The washer is at ${wm.host}, the dishwasher at ${dw.host}.`,
    x: 250,
    y: 260,
    wires: [],
  };
  const flows = [
    tab,
    account,
    ...watch,
    note,
    inject('de30000000000020', 'start Eco 50', { program: 'Dishcare.Dishwasher.Program.Eco50', action: 'start' }, 300),
    inject('de30000000000021', 'start in 2 h', { program: 'Dishcare.Dishwasher.Program.Eco50', action: 'start', startIn: 7200 }, 340),
    inject('de30000000000022', 'stop', { action: 'stop' }, 380),
    out,
    result,
    catchNode,
    errors,
  ];
  return { flows, credentials: { [ACCOUNT_ID]: { profiles: JSON.stringify(profiles) } } };
}

async function main() {
  const { ApplianceSimulator, demoRecords } = requireBuilt('src/simulator/index');
  fs.mkdirSync(userDir, { recursive: true });
  linkPackage();
  const settingsFile = writeSettings();

  const simulators = [];
  const records = [];
  for (const record of demoRecords()) {
    const sim = new ApplianceSimulator({ record, timeScale });
    const { port: simPort } = await sim.start();
    simulators.push(sim);
    records.push({ ...record, host: `127.0.0.1:${simPort}` });
    console.log(`simulated ${record.name} (${record.connectionType}) on 127.0.0.1:${simPort}`);
  }

  const { flows, credentials } = demoFlow(records);
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(flows, null, 2) + '\n');
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify(encryptCredentials(credentials), null, 2) + '\n');

  const redJs = require.resolve('node-red/red.js', { paths: [root] });
  const child = spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', settingsFile], {
    stdio: 'inherit',
    cwd: userDir,
  });
  console.log(`\nNode-RED editor: http://127.0.0.1:${port}/  (Ctrl-C stops everything)\n`);

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill('SIGINT');
    await Promise.all(simulators.map((s) => s.stop().catch(() => undefined)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
