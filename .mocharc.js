'use strict';
// Every compiled spec runs, unless spec files are named on the command line: then only those
// (mocha would otherwise add the configured spec to the named ones and run the whole suite).
const named = process.argv.slice(2).some((a) => /\.spec\.js$/.test(a));
module.exports = { timeout: 20000, exit: true, ...(named ? {} : { spec: ['dist/test/**/*.spec.js'] }) };
