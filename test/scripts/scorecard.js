#!/usr/bin/env node
'use strict';
// Offline stand-in for the Flow Library scorecard (`node-red-dev validate`), which cannot run here
// because it needs catalogue.nodered.org. Re-implements the checks that need no network (P01-P07,
// N02, D01, D02) plus local layout checks the runtime relies on (X01-X09), prints one line per
// check and exits 1 when any check FAILs. Usage: node test/scripts/scorecard.js [--dir <package dir>]
const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');
const semver = require('semver');

const repoRoot = path.resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** Whether a version satisfies a range; throws on a range semver cannot read (reported as FAIL). */
function satisfies(version, range) {
  if (semver.validRange(range) === null) throw new Error(`unsupported range "${range}"`);
  return semver.satisfies(version, range);
}

/** The lowest version a range admits, as text. */
function minVersion(range) {
  const v = semver.minVersion(range);
  if (v === null) throw new Error(`range "${range}" admits no version`);
  return v.version;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listFiles(dir, ext) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, ext));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

/** The installed package.json of a module, looked up from the checked dir and then from this repo. */
function installedPackage(name, dir) {
  try {
    return readJson(require.resolve(`${name}/package.json`, { paths: [dir, repoRoot] }));
  } catch {
    return null;
  }
}

/** Index just past the `}` closing the `{` at `open`, skipping strings and comments. */
function matchBrace(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i === -1) return -1;
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i === -1) return -1;
      i++;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** A literal string property of an object literal's text (`category: 'config'`), or undefined. */
function literalProperty(objectText, key) {
  const m = new RegExp(`[{,\\s]${key}\\s*:\\s*(['"])([^'"\\n]*)\\1`).exec(objectText);
  return m ? m[2] : undefined;
}

/**
 * The node types an editor HTML file registers the way the Flow Library parser sees them:
 * `registerType('<literal>', {...})` inside `<script type="text/javascript">` blocks without src.
 */
function editorTypes(html) {
  const types = [];
  const scripts = /<script([^>]*)>([\s\S]*?)<\/script>/gi;
  let s;
  while ((s = scripts.exec(html))) {
    const attrs = s[1];
    if (/\bsrc\s*=/.test(attrs) || !/type\s*=\s*["']text\/javascript["']/i.test(attrs)) continue;
    const body = s[2];
    const call = /registerType\(\s*(['"])([^'"]+)\1\s*,\s*\{/g;
    let c;
    while ((c = call.exec(body))) {
      const open = c.index + c[0].length - 1;
      const end = matchBrace(body, open);
      const object = end === -1 ? '' : body.slice(open, end);
      types.push({
        type: c[2],
        category: literalProperty(object, 'category'),
        icon: literalProperty(object, 'icon'),
        hasDefaults: /[{,\s]defaults\s*:\s*\{/.test(object),
      });
    }
  }
  return types;
}

/** Values of `name="..."` attributes (e.g. data-help-name) in an HTML text. */
function attributeValues(html, name) {
  const out = new Set();
  const re = new RegExp(`${name}\\s*=\\s*["']([^"']+)["']`, 'g');
  let m;
  while ((m = re.exec(html))) out.add(m[1]);
  return out;
}

/** The i18n keys an editor HTML uses literally: data-i18n="a;[placeholder]b" and this._('k'). */
function i18nKeys(html) {
  const keys = new Set();
  for (const value of attributeValues(html, 'data-i18n')) {
    for (const part of value.split(';')) keys.add(part.replace(/^\[[^\]]*\]/, '').trim());
  }
  const calls = /\b_\(\s*(['"])([^'"]+)\1\s*[,)]/g; // literal keys only, not 'prefix.' + key
  let m;
  while ((m = calls.exec(html))) keys.add(m[2]);
  return [...keys].filter((k) => k && !k.includes(':'));
}

function hasKey(catalog, key) {
  let at = catalog;
  for (const part of key.split('.')) {
    if (!at || typeof at !== 'object' || !(part in at)) return false;
    at = at[part];
  }
  return true;
}

/** A stand-in runtime API: records registerType, answers everything else with a harmless no-op. */
function stubRuntime(registered) {
  const anything = new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : anything),
    apply: () => anything,
    construct: () => anything,
  });
  const within = (object) => new Proxy(object, { get: (t, k) => (k in t ? t[k] : anything) });
  return within({
    nodes: within({ registerType: (type) => registered.push(String(type)), getNode: () => null }),
    auth: within({ needsPermission: () => (_req, _res, next) => next() }),
    settings: within({}),
    _: (key) => key,
    version: () => '0.0.0',
  });
}

/** Node types the runtime file registers, found by loading it with a stub runtime. */
async function runtimeTypes(jsFile) {
  const registered = [];
  let init = require(jsFile);
  if (init && init.__esModule && init.default) init = init.default;
  if (typeof init !== 'function') throw new Error('it does not export a function');
  await init(stubRuntime(registered));
  return registered;
}

/** Whether a package.json `files` list ships a path (entries are paths, folders or simple globs). */
function shipped(files, rel) {
  return files.some((entry) => {
    const clean = entry.replace(/^\.?\//, '').replace(/\/$/, '');
    if (clean.includes('*')) {
      const re = new RegExp(
        '^' +
          clean
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*') +
          '(/|$)',
      );
      return re.test(rel);
    }
    return rel === clean || rel.startsWith(clean + '/');
  });
}

// ---------------------------------------------------------------------------------------------

/** Builds the root editor HTML when this repo's generator is present and its output is missing or stale. */
function buildEditorHtml(dir) {
  const script = path.join(dir, 'nodes', 'editor', 'build.js');
  const out = path.join(dir, 'homeconnect-local.html');
  const sources = listFiles(path.join(dir, 'nodes', 'editor'), '.html');
  if (!fs.existsSync(script) || sources.length === 0) return null;
  const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : -1;
  if (builtAt >= 0 && sources.every((f) => fs.statSync(f).mtimeMs <= builtAt)) return null;
  childProcess.execFileSync(process.execPath, [script], { cwd: dir, stdio: 'ignore' });
  return 'homeconnect-local.html rebuilt by nodes/editor/build.js';
}

async function scorecard(dir) {
  const results = [];
  const report = (status, id, title, reason) => results.push({ status, id, title, reason });
  const pkgFile = path.join(dir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    report('FAIL', 'P00', 'package.json', `no package.json in ${dir}`);
    return results;
  }
  let pkg;
  try {
    pkg = readJson(pkgFile);
  } catch (err) {
    report('FAIL', 'P00', 'package.json', `package.json is not valid JSON: ${err.message}`);
    return results;
  }
  const nr = pkg['node-red'] && typeof pkg['node-red'] === 'object' ? pkg['node-red'] : {};

  // --- Package checks (node-red-dev P01-P07) ---
  report(pkg.license ? 'PASS' : 'FAIL', 'P01', 'License', pkg.license ? `license "${pkg.license}"` : 'package.json has no "license"');

  const repo = pkg.repository || pkg.bugs;
  report(
    repo ? 'PASS' : 'FAIL',
    'P03',
    'Repository',
    repo ? `${pkg.repository ? 'repository' : 'bugs'} declared` : 'neither "repository" nor "bugs" in package.json',
  );

  const name = String(pkg.name || '');
  if (/^@[^/]+\/[^/]+$/.test(name)) report('PASS', 'P04', 'Naming', `scoped name "${name}"`);
  else if (/^node-red-contrib-/.test(name))
    report('WARN', 'P04', 'Naming', `unscoped "${name}" is only accepted for packages first published before 2022-02-01`);
  else report('FAIL', 'P04', 'Naming', `"${name}" must be scoped (@scope/node-red-<thing>) for new packages`);

  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords : [];
  report(
    keywords.includes('node-red') ? 'PASS' : 'WARN',
    'P05',
    'Keyword',
    keywords.includes('node-red')
      ? 'keywords include "node-red"'
      : 'keywords lack "node-red" (the Flow Library lists only packages that have it)',
  );

  // The npm `latest` of node-red is read from the installed node-red-5 alias (offline); 5.0.7 as of writing.
  const nr5 = installedPackage('node-red-5', dir) || { version: '5.0.7', engines: { node: '>=22.9' } };
  const nr4 = installedPackage('node-red', dir);
  if (!nr.version) report('FAIL', 'P06', 'Node-RED version', 'package.json has no "node-red"."version" range');
  else {
    try {
      const ok5 = satisfies(nr5.version, nr.version);
      const also4 = nr4 && semver.major(nr4.version) === 4 ? satisfies(nr4.version, nr.version) : null;
      const note = also4 === null ? '' : also4 ? ` and ${nr4.version}` : `, but not the tested ${nr4.version}`;
      report(
        ok5 ? (also4 === false ? 'WARN' : 'PASS') : 'FAIL',
        'P06',
        'Node-RED version',
        `"${nr.version}" ${ok5 ? 'includes' : 'excludes'} node-red ${nr5.version}${note}`,
      );
    } catch (err) {
      report('FAIL', 'P06', 'Node-RED version', `cannot read range "${nr.version}": ${err.message}`);
    }
  }

  const engines = pkg.engines && pkg.engines.node;
  if (!engines) report('FAIL', 'P07', 'Node version', 'package.json has no "engines"."node"');
  else {
    try {
      const nrNodeMin = minVersion((nr5.engines && nr5.engines.node) || '>=22.9');
      const ok = satisfies(nrNodeMin, engines);
      report(
        ok ? 'PASS' : 'FAIL',
        'P07',
        'Node version',
        `engines.node "${engines}" ${ok ? 'includes' : 'excludes'} ${nrNodeMin}, the minimum Node.js of node-red ${nr5.version}`,
      );
    } catch (err) {
      report('FAIL', 'P07', 'Node version', `cannot read engines.node "${engines}": ${err.message}`);
    }
  }

  // --- Dependency checks (D01, D02) ---
  const deps = Object.keys(pkg.dependencies || {});
  if (deps.includes('node-red')) report('FAIL', 'D01', 'Dependencies', '"node-red" is in dependencies; it belongs in devDependencies');
  else report(deps.length <= 6 ? 'PASS' : 'WARN', 'D01', 'Dependencies', `${deps.length} runtime dependencies (at most 6 recommended)`);

  const lockFile = path.join(dir, 'package-lock.json');
  if (!fs.existsSync(lockFile)) report('WARN', 'D02', 'Bad packages', 'no package-lock.json to inspect the runtime tree');
  else {
    const lock = readJson(lockFile);
    const bad = Object.entries(lock.packages || {}).filter(([key, info]) => {
      const v = semver.valid(info.version);
      return /(^|\/)node_modules\/agent-base$/.test(key) && !info.dev && v !== null && semver.major(v) < 6;
    });
    report(
      bad.length ? 'FAIL' : 'PASS',
      'D02',
      'Bad packages',
      bad.length
        ? `agent-base <6 in the runtime tree: ${bad.map(([k, i]) => `${k}@${i.version}`).join(', ')}`
        : 'no known-bad package (agent-base <6) in the runtime tree of package-lock.json',
    );
  }

  // --- Node files, editor HTML, runtime types, icons, locales (X01-X06) ---
  const nodeFiles = Object.entries(nr.nodes && typeof nr.nodes === 'object' ? nr.nodes : {});
  const missing = nodeFiles.filter(([, file]) => !fs.existsSync(path.join(dir, file)));
  if (nodeFiles.length === 0) report('FAIL', 'X01', 'Node files', 'package.json "node-red"."nodes" lists no files');
  else
    report(
      missing.length ? 'FAIL' : 'PASS',
      'X01',
      'Node files',
      missing.length ? `missing: ${missing.map(([, f]) => f).join(', ')}` : `${nodeFiles.map(([set, f]) => `${set} -> ${f}`).join(', ')}`,
    );

  const types = []; // { type, category, icon, set, jsFile }
  const htmlProblems = [];
  const runtimeProblems = [];
  const runtimeWarnings = [];
  const iconProblems = [];
  const iconWarnings = [];
  const localeProblems = [];
  const helpMissing = [];
  const coreIcons = (() => {
    const core = installedPackage('@node-red/nodes', dir)
      ? path.dirname(require.resolve('@node-red/nodes/package.json', { paths: [dir, repoRoot] }))
      : null;
    return core && fs.existsSync(path.join(core, 'icons')) ? new Set(fs.readdirSync(path.join(core, 'icons'))) : null;
  })();

  for (const [set, file] of nodeFiles) {
    const jsFile = path.join(dir, file);
    if (!fs.existsSync(jsFile)) continue;
    const base = path.basename(file).replace(/\.c?js$/, '');
    const nodeDir = path.dirname(jsFile);
    const htmlFile = path.join(nodeDir, base + '.html');
    const rel = (f) => path.relative(dir, f);
    let html = '';
    if (!fs.existsSync(htmlFile)) htmlProblems.push(`${rel(htmlFile)} missing (run npm run build)`);
    else html = fs.readFileSync(htmlFile, 'utf8');
    const found = editorTypes(html);
    if (html && found.length === 0)
      htmlProblems.push(`${rel(htmlFile)} has no literal registerType('<type>', {...}) in a <script type="text/javascript">`);
    const templates = attributeValues(html, 'data-template-name');
    for (const t of found) {
      types.push({ ...t, set, jsFile });
      if (!t.category) htmlProblems.push(`${t.type} has no literal category`);
      if (!t.hasDefaults) htmlProblems.push(`${t.type} has no literal defaults`);
      if (!templates.has(t.type)) htmlProblems.push(`${t.type} has no data-template-name block`);
    }

    // Runtime types: load the node file with a stub runtime and compare with the editor's.
    try {
      const registered = await runtimeTypes(jsFile);
      const editorSet = new Set(found.map((t) => t.type));
      for (const t of registered) if (!editorSet.has(t)) runtimeProblems.push(`${t} is registered by ${file} but not in ${rel(htmlFile)}`);
      for (const t of editorSet)
        if (!registered.includes(t)) runtimeProblems.push(`${t} is in ${rel(htmlFile)} but ${file} does not register it`);
    } catch (err) {
      runtimeWarnings.push(`${file} could not be loaded (${String(err.message).split('\n')[0]}); run npm run build`);
    }

    // Icons: a literal icon must be one of ours (icons/ beside the node file), a core icon or font-awesome.
    for (const t of found) {
      if (!t.icon) {
        if (t.category !== 'config') iconWarnings.push(`${t.type} has no literal icon`);
        continue;
      }
      if (/^(font-awesome|node-red)\//.test(t.icon)) continue;
      if (fs.existsSync(path.join(nodeDir, 'icons', t.icon))) {
        if (!t.icon.startsWith(base)) iconWarnings.push(`${t.icon} is not prefixed with "${base}" (icon names are global)`);
      } else if (!(coreIcons && coreIcons.has(t.icon)))
        iconProblems.push(`${t.type}: ${t.icon} not found in ${rel(path.join(nodeDir, 'icons'))}`);
    }

    // en-US catalog beside the node file, every literal key the editor uses present, help for every type.
    const catalogFile = path.join(nodeDir, 'locales', 'en-US', base + '.json');
    if (!fs.existsSync(catalogFile)) localeProblems.push(`${rel(catalogFile)} missing`);
    else {
      try {
        const catalog = readJson(catalogFile);
        const unknown = i18nKeys(html).filter((k) => !hasKey(catalog, k));
        if (unknown.length)
          localeProblems.push(
            `keys missing from ${rel(catalogFile)}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` (+${unknown.length - 5})` : ''}`,
          );
      } catch (err) {
        localeProblems.push(`${rel(catalogFile)} is not valid JSON: ${err.message}`);
      }
    }
    const helpFile = path.join(nodeDir, 'locales', 'en-US', base + '.html');
    const help = new Set([
      ...attributeValues(html, 'data-help-name'),
      ...(fs.existsSync(helpFile) ? attributeValues(fs.readFileSync(helpFile, 'utf8'), 'data-help-name') : []),
    ]);
    for (const t of found) if (!help.has(t.type)) helpMissing.push(t.type);
  }

  const typeNames = types.map((t) => t.type);
  const duplicates = typeNames.filter((t, i) => typeNames.indexOf(t) !== i);
  if (duplicates.length) htmlProblems.push(`registered twice: ${[...new Set(duplicates)].join(', ')}`);
  const summary = types.map((t) => `${t.type} (${t.category || '?'})`).join(', ');
  if (nodeFiles.length) {
    report(htmlProblems.length ? 'FAIL' : 'PASS', 'X02', 'Editor HTML', htmlProblems.length ? htmlProblems.join('; ') : summary);
    if (runtimeProblems.length) report('FAIL', 'X03', 'Runtime types', runtimeProblems.join('; '));
    else if (runtimeWarnings.length) report('WARN', 'X03', 'Runtime types', runtimeWarnings.join('; '));
    else report('PASS', 'X03', 'Runtime types', `the node files register exactly the editor's ${types.length} types`);
    report(
      iconProblems.length ? 'FAIL' : iconWarnings.length ? 'WARN' : 'PASS',
      'X04',
      'Icons',
      [...iconProblems, ...iconWarnings].join('; ') ||
        `${types
          .filter((t) => t.icon)
          .map((t) => t.icon)
          .join(', ')} found`,
    );
    report(
      localeProblems.length ? 'FAIL' : 'PASS',
      'X05',
      'Locales en-US',
      localeProblems.join('; ') || 'en-US catalog present for every node file and holds every literal key the editor uses',
    );
    report(
      helpMissing.length ? 'WARN' : 'PASS',
      'X06',
      'Help text',
      helpMissing.length ? `no data-help-name block for ${helpMissing.join(', ')}` : 'help for every node type',
    );
  }

  // --- Examples (N02 and the file checks) ---
  const examplesDir = path.join(dir, 'examples');
  const exampleFiles = listFiles(examplesDir, '.json');
  const ours = new Set(typeNames);
  const coreTypes = (() => {
    const pkgJson = installedPackage('@node-red/nodes', dir)
      ? require.resolve('@node-red/nodes/package.json', { paths: [dir, repoRoot] })
      : null;
    if (!pkgJson) return null;
    const set = new Set(['tab', 'group', 'junction', 'subflow']);
    for (const f of listFiles(path.join(path.dirname(pkgJson), 'core'), '.html'))
      for (const t of editorTypes(fs.readFileSync(f, 'utf8'))) set.add(t.type);
    return set;
  })();
  const used = new Set();
  const exampleProblems = [];
  const exampleWarnings = [];
  for (const file of exampleFiles) {
    const rel = path.relative(dir, file);
    let flow;
    try {
      flow = readJson(file);
    } catch (err) {
      exampleProblems.push(`${rel} is not valid JSON (${err.message})`);
      continue;
    }
    if (
      !Array.isArray(flow) ||
      flow.length === 0 ||
      !flow.every((n) => n && typeof n === 'object' && typeof n.id === 'string' && typeof n.type === 'string')
    ) {
      exampleProblems.push(`${rel} is not a flow (a non-empty array of nodes with string id and type)`);
      continue;
    }
    const ids = flow.map((n) => n.id);
    if (new Set(ids).size !== ids.length) exampleProblems.push(`${rel} repeats node ids`);
    for (const n of flow) used.add(n.type);
    if (!flow.some((n) => n.type === 'comment')) exampleWarnings.push(`${rel} has no comment node explaining it`);
    if (coreTypes) {
      const foreign = [...new Set(flow.map((n) => n.type))].filter((t) => !ours.has(t) && !coreTypes.has(t) && !t.startsWith('subflow:'));
      if (foreign.length)
        exampleWarnings.push(`${rel} uses nodes that are neither core nor this package's (third-party): ${foreign.join(', ')}`);
    }
  }
  const needExamples = types.filter((t) => t.category !== 'config').map((t) => t.type);
  if (!fs.existsSync(examplesDir)) report('FAIL', 'N02', 'Examples', 'no examples/ folder');
  else {
    const without = needExamples.filter((t) => !used.has(t));
    report(
      without.length ? 'FAIL' : 'PASS',
      'N02',
      'Examples',
      without.length
        ? `no example uses ${without.join(', ')}`
        : `${exampleFiles.length} examples cover ${needExamples.join(', ') || 'no non-config types'}`,
    );
  }
  if (fs.existsSync(examplesDir)) {
    report(
      exampleProblems.length ? 'FAIL' : exampleWarnings.length ? 'WARN' : 'PASS',
      'X07',
      'Example files',
      [...exampleProblems, ...exampleWarnings].join('; ') ||
        `${exampleFiles.length} valid flows, each with a comment node and only core or own nodes`,
    );
  }

  // --- Packaging: everything the runtime loads must be in "files" ---
  if (Array.isArray(pkg.files)) {
    const needed = new Set();
    for (const [, file] of nodeFiles) {
      const relDir = path.dirname(file);
      const base = path.basename(file).replace(/\.c?js$/, '');
      needed.add(path.posix.normalize(file));
      needed.add(path.posix.join(relDir, base + '.html'));
      for (const sub of ['locales', 'icons']) if (fs.existsSync(path.join(dir, relDir, sub))) needed.add(path.posix.join(relDir, sub));
      // A thin entry file that requires the compiled code: that code must ship too.
      const js = fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : '';
      const req = /require\(\s*['"](\.\.?\/[^'"]+)['"]\s*\)/.exec(js);
      if (req) needed.add(path.posix.normalize(path.posix.join(relDir, req[1])));
    }
    if (fs.existsSync(examplesDir)) needed.add('examples');
    const notShipped = [...needed].filter((rel) => !shipped(pkg.files, rel.replace(/^\.\//, '')));
    report(
      notShipped.length ? 'FAIL' : 'PASS',
      'X08',
      'Packaged files',
      notShipped.length
        ? `not in package.json "files": ${notShipped.join(', ')}`
        : '"files" ships the node files, editor HTML, locales, icons and examples',
    );
  } else report('PASS', 'X08', 'Packaged files', 'no "files" list: everything not ignored is published');

  const docs = ['README.md', 'LICENSE'].filter(
    (f) => !fs.readdirSync(dir).some((e) => e.toUpperCase().startsWith(f.toUpperCase().replace(/\.MD$/, ''))),
  );
  report(docs.length ? 'WARN' : 'PASS', 'X09', 'README and LICENSE', docs.length ? `missing: ${docs.join(', ')}` : 'both present');

  for (const [id, title] of [
    ['P02', 'Repo name (disabled in node-red-dev)'],
    ['P08', 'Similar names (needs catalogue.nodered.org)'],
    ['N01', 'Unique node names (needs catalogue.nodered.org)'],
    ['D03', 'Outdated dependencies (needs the npm registry)'],
  ]) {
    report('SKIP', id, title, 'not checked offline');
  }
  return results;
}

function parseArgs(argv) {
  let dir = repoRoot;
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir' && argv[i + 1]) dir = path.resolve(argv[++i]);
    else if (argv[i] === '--no-build') build = false;
    else throw new Error(`unknown argument "${argv[i]}" (usage: scorecard.js [--dir <package dir>] [--no-build])`);
  }
  return { dir, build };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (args.build) {
    const built = buildEditorHtml(args.dir);
    if (built) console.log(`INFO  ${built}`);
  }
  const results = await scorecard(args.dir);
  for (const r of results) console.log(`${r.status.padEnd(5)} ${r.id} ${r.title}: ${r.reason}`);
  const count = (s) => results.filter((r) => r.status === s).length;
  console.log(`scorecard: ${count('PASS')} pass, ${count('WARN')} warn, ${count('FAIL')} fail, ${count('SKIP')} skipped (offline)`);
  // Exit explicitly: loading the node file may have left handles open.
  process.exit(count('FAIL') ? 1 : 0);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`scorecard: ${err.stack || err}`);
    process.exit(1);
  });
}

module.exports = { scorecard };
