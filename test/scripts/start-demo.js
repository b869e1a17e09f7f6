#!/usr/bin/env node
'use strict';
/*
 * `npm start`: a local Node-RED with this package, one simulated appliance per demo profile of the
 * library (demoRecords()) and a demo flow. Everything lives in the git-ignored .demo/ folder
 * (DEMO_DIR overrides it). Builds first when dist/ is missing or older than the sources. The demo
 * flow is written only when .demo/flows.json does not exist yet; `npm start -- --reset` or
 * DEMO_RESET=1 writes it again. Ctrl-C stops Node-RED and the simulators.
 */
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const userDir = process.env.DEMO_DIR ? path.resolve(process.env.DEMO_DIR) : path.join(root, '.demo');
const port = Number(process.env.PORT || 1880);
const reset = process.argv.includes('--reset') || /^(1|true|yes)$/i.test(process.env.DEMO_RESET || '');
const timeScale = Number(process.env.DEMO_TIME_SCALE || 60);
const CREDENTIAL_SECRET = 'homeconnect-local-demo';
const ACCOUNT_ID = 'a1c0de0000demo01'; // the id the examples refer to
const TAB_ID = 'de30000000000001';

/** Newest modification time of the files below dir whose names pass test (0 when none). */
function newest(dir, test) {
  let t = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(full, test));
    else if (test(e.name)) t = Math.max(t, fs.statSync(full).mtimeMs);
  }
  return t;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds only when an output is missing or older than what it is built from, so a fresh
 * `npm install` (whose prepare step built already) is not followed by a second build.
 */
function buildIfStale() {
  const outputs = [path.join(root, 'dist', '.tsbuildinfo'), path.join(root, 'homeconnect-local.html')].map(mtime);
  const sources = Math.max(
    ...['src', 'nodes', 'test'].map((d) => newest(path.join(root, d), (n) => /\.(ts|html)$/.test(n))),
    mtime(path.join(root, 'tsconfig.json')),
    mtime(path.join(root, 'nodes', 'editor', 'build.js')),
  );
  if (Math.min(...outputs) > sources) {
    console.log('build is up to date');
    return;
  }
  console.log('building (npm run build) …');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  for (const args of [[tsc, '-p', 'tsconfig.json'], [path.join(root, 'nodes', 'editor', 'build.js')]]) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('The build failed (see above); fix it or run "npm run build" to see the errors again.');
      process.exit(1);
    }
  }
  // tsc leaves .tsbuildinfo alone when nothing changed; mark this build as the newest.
  const info = path.join(root, 'dist', '.tsbuildinfo');
  if (fs.existsSync(info)) fs.utimesSync(info, new Date(), new Date());
}

/** Resolves true when nothing listens on host:port (so Node-RED can), false when it is taken. */
function portFree(host, p) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(p, host, () => server.close(() => resolve(true)));
  });
}

/** Polls the editor until it answers (true), or until Node-RED exits (false). */
function waitListening(url, child) {
  return new Promise((resolve) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(false);
      const req = http.get(`${url}settings`, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve(true);
        else setTimeout(attempt, 200);
      });
      req.on('error', () => setTimeout(attempt, 200));
      req.setTimeout(2000, () => req.destroy());
    };
    attempt();
  });
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
  const settings = `// Written by scripts/start-demo.js on every start (flows.json is yours: written only when missing or on --reset).
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

function decryptCredentials(file) {
  const enc = JSON.parse(fs.readFileSync(file, 'utf8')).$;
  const key = crypto.createHash('sha256').update(CREDENTIAL_SECRET).digest();
  const decipher = crypto.createDecipheriv('aes-256-ctr', key, Buffer.from(enc.slice(0, 32), 'hex'));
  return JSON.parse(decipher.update(enc.slice(32), 'base64', 'utf8') + decipher.final('utf8'));
}

function applianceEntry(r) {
  return { haId: r.haId, name: r.name, host: r.host, connectionType: r.connectionType, brand: r.brand, type: r.type, vib: r.vib };
}

function profileEntry(r) {
  return { key: r.key, ...(r.iv ? { iv: r.iv } : {}), deviceDescription: r.deviceDescription, featureMapping: r.featureMapping };
}

/**
 * Keeps the user's flows and only points the demo account at this start's simulators: each demo
 * appliance's host is updated (ports are new each start), demo appliances it lacks are added
 * with their profiles. Returns a sentence for the console.
 */
function refreshDemoAccount(records) {
  const flowsFile = path.join(userDir, 'flows.json');
  const credFile = path.join(userDir, 'flows_cred.json');
  let flows;
  try {
    flows = JSON.parse(fs.readFileSync(flowsFile, 'utf8'));
  } catch (e) {
    return `${flowsFile} is not readable JSON (${e.message}); left as it is. "npm start -- --reset" writes the demo flow again.`;
  }
  const list = Array.isArray(flows) ? flows : Array.isArray(flows && flows.flows) ? flows.flows : [];
  const account = list.find((n) => n && n.id === ACCOUNT_ID && n.type === 'homeconnect-local-account');
  if (!account) return 'kept your flows (the demo account is gone from them; "npm start -- --reset" restores the demo flow)';
  account.appliances = Array.isArray(account.appliances) ? account.appliances : [];
  let creds = {};
  try {
    creds = decryptCredentials(credFile);
  } catch {
    // missing or not ours: the profiles are written again below
  }
  const accountCreds = creds[ACCOUNT_ID] || {};
  let profiles;
  try {
    profiles = JSON.parse(accountCreds.profiles || '{}');
  } catch {
    profiles = {};
  }
  for (const r of records) {
    const entry = account.appliances.find((a) => a && a.haId === r.haId);
    if (entry) entry.host = r.host;
    else account.appliances.push(applianceEntry(r));
    if (!profiles[r.haId]) profiles[r.haId] = profileEntry(r);
  }
  creds[ACCOUNT_ID] = { ...accountCreds, profiles: JSON.stringify(profiles) };
  fs.writeFileSync(flowsFile, JSON.stringify(flows, null, 2) + '\n');
  fs.writeFileSync(credFile, JSON.stringify(encryptCredentials(creds), null, 2) + '\n');
  return 'kept your flows; the demo account now points at these simulators ("npm start -- --reset" restores the demo flow)';
}

function demoFlow(records) {
  const account = {
    id: ACCOUNT_ID,
    type: 'homeconnect-local-account',
    name: 'Demo appliances',
    region: 'EU',
    appliances: records.map(applianceEntry),
  };
  const profiles = {};
  for (const r of records) profiles[r.haId] = profileEntry(r);
  const tab = { id: TAB_ID, type: 'tab', label: 'Home Connect demo', disabled: false, info: '' };
  const watch = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'watch-an-appliance.json'), 'utf8'));
  for (const n of watch) n.z = TAB_ID;
  // The inject buttons drive the dishwasher; every other demo appliance is in the account and in the note.
  const dw = records.find((r) => r.type === 'Dishwasher') || records[0];
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
    info: `Press the inject buttons. Programs run ${timeScale}x faster than real time in the simulator. Simulated appliances: ${records
      .map((r) => `${r.name} (${r.connectionType}) at ${r.host}`)
      .join(', ')}.`,
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
  buildIfStale();
  if (!(await portFree('127.0.0.1', port))) {
    console.error(
      `Port ${port} on 127.0.0.1 is in use (another Node-RED?). Pick another one, e.g.: PORT=${port === 1881 ? 1882 : 1881} npm start`,
    );
    process.exit(1);
  }
  const { ApplianceSimulator, demoRecords } = require(path.join(root, 'dist', 'src', 'simulator', 'index'));
  fs.mkdirSync(userDir, { recursive: true });
  linkPackage();
  const settingsFile = writeSettings();

  const simulators = [];
  const records = [];
  let stopping = false;
  let child;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    const redDone =
      child && child.exitCode === null && child.signalCode === null
        ? new Promise((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
            child.once('exit', () => resolve(clearTimeout(timer)));
            child.kill('SIGINT');
          })
        : undefined;
    await Promise.all([redDone, ...simulators.map((s) => s.stop().catch(() => undefined))]);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  for (const record of demoRecords()) {
    const sim = new ApplianceSimulator({ record, timeScale });
    const { port: simPort } = await sim.start();
    simulators.push(sim);
    records.push({ ...record, host: `127.0.0.1:${simPort}` });
    console.log(`simulated ${record.name} (${record.connectionType}) on 127.0.0.1:${simPort}`);
  }

  const flowsFile = path.join(userDir, 'flows.json');
  if (reset || !fs.existsSync(flowsFile)) {
    const { flows, credentials } = demoFlow(records);
    fs.writeFileSync(flowsFile, JSON.stringify(flows, null, 2) + '\n');
    fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify(encryptCredentials(credentials), null, 2) + '\n');
    console.log(reset ? 'demo flow written again (--reset)' : 'demo flow written');
  } else {
    console.log(refreshDemoAccount(records));
  }

  const redJs = require.resolve('node-red/red.js', { paths: [root] });
  child = spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', settingsFile], {
    stdio: 'inherit',
    cwd: userDir,
  });
  child.on('exit', (code) => void stop(code ?? 0));
  const url = `http://127.0.0.1:${port}/`;
  if (await waitListening(url, child)) {
    console.log(`\nNode-RED editor: ${url}  (Ctrl-C stops everything)\n`);
  }
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
