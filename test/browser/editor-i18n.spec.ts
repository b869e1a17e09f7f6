/**
 * Every text the editor sources use exists in both catalogs (en-US and de), and the two
 * catalogs hold the same keys, so no dialog shows a raw key in either language.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/browser-node-red';

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

function catalog(lang: string): Map<string, string> {
  const file = path.join(repoRoot(), 'locales', lang, 'homeconnect-local.json');
  return flatten(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** Keys named literally in nodes/editor/*.html: data-i18n attributes, t('…') and _('homeconnect-local.…'). */
function usedKeys(): Set<string> {
  const dir = path.join(repoRoot(), 'nodes', 'editor');
  const keys = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) {
      for (const part of m[1].split(';')) keys.add(part.replace(/^\[[^\]]+\]/, ''));
    }
    for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.-]*[a-zA-Z0-9_-])'/g)) keys.add(`homeconnect-local.${m[1]}`);
    for (const m of text.matchAll(/_\('(homeconnect-local\.[a-zA-Z0-9_.-]+)'/g)) keys.add(m[1]);
  }
  for (const kind of ['statuses', 'settings', 'events', 'options', 'commands']) keys.add(`homeconnect-local.kind.${kind}`);
  return keys;
}

describe('editor texts (en-US, de)', function () {
  const en = catalog('en-US');
  const de = catalog('de');

  it('finds the editor keys in the sources', function () {
    const keys = usedKeys();
    assert.ok(keys.size > 60, `only ${keys.size} keys found`);
    assert.ok(keys.has('homeconnect-local.account.login'));
    assert.ok(keys.has('homeconnect-local.login.step3'));
  });

  for (const [lang, map] of [
    ['en-US', en],
    ['de', de],
  ] as const) {
    it(`${lang} has every key the editor uses, none empty`, function () {
      const missing = [...usedKeys()].filter((k) => !map.has(k) || map.get(k)!.trim() === '');
      assert.deepStrictEqual(missing, []);
    });
  }

  it('en-US and de hold the same keys with the same __placeholders__', function () {
    assert.deepStrictEqual([...de.keys()].sort(), [...en.keys()].sort());
    for (const [k, v] of en) {
      const placeholders = (s: string) => (s.match(/__\w+__/g) ?? []).sort();
      assert.deepStrictEqual(placeholders(de.get(k)!), placeholders(v), k);
    }
  });

  it('the login instructions name the SingleKey ID and the hcauth:// address in both languages', function () {
    for (const map of [en, de]) {
      const steps = ['step1', 'step2', 'step3', 'step4'].map((s) => map.get(`homeconnect-local.login.${s}`)).join(' ');
      assert.match(steps, /SingleKey ID/);
      assert.match(steps, /hcauth:\/\/auth\/prod\?code=/);
      assert.match(steps, /\/auth\/prod\?code=/);
    }
  });
});
