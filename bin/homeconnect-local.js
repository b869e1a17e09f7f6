#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in the compiled library. HOMECONNECT_LOCAL_DIST (relative to
// the package root, or absolute) points it at another build folder, for development.
const path = require('path');

const dist = path.resolve(__dirname, '..', process.env.HOMECONNECT_LOCAL_DIST || 'dist');
let cli;
try {
  cli = require(path.join(dist, 'src', 'cli', 'main.js'));
} catch (e) {
  const missing = e && e.code === 'MODULE_NOT_FOUND';
  process.stderr.write(
    'homeconnect-local: ' +
      (missing
        ? 'the compiled CLI was not found in ' + dist + '; run "npm run build" first'
        : String(e && e.message).replace(/\s+/g, ' ')) +
      '\n',
  );
  process.exit(1);
}
// `watch … | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (e) => process.exit(e && e.code === 'EPIPE' ? 0 : 1));
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write('homeconnect-local: ' + String((e && e.message) || e).replace(/\s+/g, ' ') + '\n');
    process.exit(1);
  },
);
