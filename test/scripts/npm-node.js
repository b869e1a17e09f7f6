#!/usr/bin/env node
'use strict';
/*
 * `node test/scripts/npm-node.js FILE ARGS…` runs FILE on the Node that runs npm. Inside npm scripts
 * `node` is node_modules/.bin/node, the Node 22 of the node@22 devDependency (there for the
 * Node-RED 5 tests); benchmarks and the demo run on the user's own Node instead.
 */
const { spawn } = require('child_process');

const bin = process.env.npm_node_execpath || process.execPath;
const child = spawn(bin, process.argv.slice(2), { stdio: 'inherit' });
// Ctrl-C reaches the child too (same process group); wait for it to clean up and exit.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (signal === 'SIGTERM') child.kill('SIGTERM');
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
