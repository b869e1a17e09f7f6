#!/usr/bin/env node
'use strict';
/*
 * `npm test` (after `pretest` built dist/): runs every stage even when an earlier one fails, then
 * exits 1 if any failed.
 *   1. every spec (.mocharc) on the Node that runs npm (the package supports Node >= 20);
 *   2. Node-RED 5 on Node 22 (the node@22 devDependency; Node-RED 5 needs >= 22.9): the node specs
 *      with NODE_RED_MODULE=node-red-5, plus a spawned Node-RED 5 end-to-end check (test/nr5).
 * npm puts node_modules/.bin first on PATH, where node@22 links `node`: each stage therefore names
 * its node binary and puts that binary's folder first on PATH for whatever the specs spawn.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { stripVTControlCharacters } = require('util');

const root = path.resolve(__dirname, '..', '..');
const mocha = require.resolve('mocha/bin/mocha.js', { paths: [root] });
const npmNode = process.env.npm_node_execpath || process.execPath;

function node22() {
  const dir = path.dirname(require.resolve('node/package.json', { paths: [root] }));
  const bin = path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run "npm install" (the node@22 devDependency brings it)`);
  return bin;
}

const stages = [
  {
    name: 'all specs, Node-RED 4',
    node: () => npmNode,
    args: [mocha, '--ignore', 'dist/test/nr5/**'],
    env: {},
  },
  {
    name: 'Node-RED 5 on Node 22: node specs and a spawned end-to-end check',
    node: node22,
    args: [mocha, '--no-config', '--timeout', '20000', '--exit', 'dist/test/nodes/**/*.spec.js', 'dist/test/nr5/**/*.spec.js'],
    env: { NODE_RED_MODULE: 'node-red-5' },
  },
];

/** Runs one stage with output passed through; resolves with its exit code and mocha's counts. */
function run(stage, out) {
  return new Promise((resolve) => {
    let bin;
    try {
      bin = stage.node();
    } catch (e) {
      out.write(`${e.message}\n`);
      resolve({ code: 1, passing: 0, failing: 0, pending: 0 });
      return;
    }
    const version = require('child_process').spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    out.write(`\n== ${stage.name} (node ${version})\n\n`);
    const color = process.stdout.isTTY && stage.args[0] === mocha ? ['--color'] : [];
    const child = spawn(bin, [...stage.args.slice(0, 1), ...color, ...stage.args.slice(1)], {
      cwd: root,
      env: { ...process.env, ...stage.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH || ''}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const counts = { passing: 0, failing: 0, pending: 0 };
    let tail = '';
    child.stdout.on('data', (chunk) => {
      out.write(chunk);
      // Mocha's closing lines ("  123 passing (2m)", "  1 failing", "  2 pending"), colour codes removed.
      const text = stripVTControlCharacters(tail + chunk.toString());
      const lines = text.split('\n');
      tail = lines.pop();
      for (const line of lines) {
        const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
        if (m) counts[m[2]] = Number(m[1]);
      }
    });
    child.on('close', (code, signal) => resolve({ code: code === null ? `signal ${signal}` : code, ...counts }));
  });
}

/** Every stage in turn, whatever the earlier ones did; resolves with the exit code for the whole run. */
async function runStages(list, out = process.stdout) {
  const results = [];
  for (const stage of list) results.push({ stage, ...(await run(stage, out)) });
  out.write('\n== summary\n');
  for (const r of results) {
    const ok = r.code === 0;
    out.write(
      `${ok ? 'ok  ' : 'FAIL'}  ${r.stage.name}: ${r.passing} passing, ${r.failing} failing, ${r.pending} pending${ok ? '' : ` (exit ${r.code})`}\n`,
    );
  }
  const passed = results.reduce((n, r) => n + r.passing, 0);
  const failed = results.reduce((n, r) => n + r.failing, 0);
  const bad = results.some((r) => r.code !== 0);
  // A stage that died without mocha's summary counts as one failure.
  const failedTotal = failed + results.filter((r) => r.code !== 0 && r.failing === 0).length;
  out.write(`${passed} passed, ${failedTotal} failed\n`);
  return bad ? 1 : 0;
}

module.exports = { runStages, stages };

if (require.main === module) {
  runStages(stages).then((code) => process.exit(code));
}
