import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';

/** Folders whose sources may cite the protocol notes; the fixtures are data, not code. */
const SCANNED = ['src', 'nodes', 'test', 'bin'];
const SKIPPED = new Set([path.join('test', 'fixtures')]);
const EXTENSIONS = new Set(['.ts', '.js', '.html', '.md', '.json']);

function sourceFiles(rel: string): string[] {
  const full = path.join(repoRoot, rel);
  if (SKIPPED.has(rel) || !fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return EXTENSIONS.has(path.extname(rel)) ? [rel] : [];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => sourceFiles(path.join(rel, name)));
}

/** Section numbers of docs/protocol.md: headings such as "## 3. Messages" and "### 3.7 Commands". */
function sections(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of markdown.split('\n')) {
    const m = /^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (m) out.add(m[1]);
  }
  return out;
}

/** The section numbers a line cites with a section sign; sections of RFCs ("RFC 6763 §6.4") are not ours. */
function citedIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/§\s?(\d+(?:\.\d+)*)/g)) {
    if (!/RFC\s*\d+\s*$/i.test(line.slice(0, m.index))) out.push(m[1]);
  }
  return out;
}

/** Every citation in the files, with where it stands. */
function citations(files: string[]): Array<{ section: string; where: string }> {
  const out: Array<{ section: string; where: string }> = [];
  for (const rel of files) {
    const lines = fs.readFileSync(path.join(repoRoot, rel), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const section of citedIn(line)) out.push({ section, where: `${rel}:${i + 1}` });
    });
  }
  return out;
}

describe('protocol.md citations', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'protocol.md'), 'utf8');
  const known = sections(doc);
  const files = SCANNED.flatMap(sourceFiles).filter((f) => f !== path.join('test', 'unit', 'doc-citations.spec.ts'));

  it('docs/protocol.md has the numbered chapters and sections the code relies on', () => {
    for (const s of ['1', '1.3', '2', '2.6', '3', '3.4', '3.7', '3.9', '3.10', '4', '4.4', '5', '5.2', '5.6', '7', '7.1']) {
      assert.ok(known.has(s), `section ${s} missing from docs/protocol.md`);
    }
  });

  it('every "§N.M" in src, nodes, test and bin names a section of docs/protocol.md', () => {
    const found = citations(files);
    // The code cites the notes in dozens of places; finding none means the scan broke.
    assert.ok(found.length >= 40, `only ${found.length} citations found in ${files.length} files`);
    const dangling = found.filter((c) => !known.has(c.section)).map((c) => `${c.where}: §${c.section}`);
    assert.deepStrictEqual(dangling, []);
  });

  it('the section finder sees headings as written, and citations of RFCs are not ours', () => {
    assert.deepStrictEqual(citedIn('see protocol.md §3.6/§3.7 (RFC 6763 §6.4, rfc 6762 § 10)'), ['3.6', '3.7']);
    assert.deepStrictEqual(
      [...sections('## 3. Messages\n### 3.10 Reconnect\n#### 3.10.1 Detail\n# 9 Title\nText §8\n')],
      ['3', '3.10', '3.10.1'],
    );
  });
});
