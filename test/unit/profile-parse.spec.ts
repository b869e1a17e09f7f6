import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { parseProfile, type ApplianceProfile } from '../../src/profile';
import { rawProfilePairs } from '../support/paths';

/** Independent counting over the raw text (regex), not via the element tree. */
function countByRegex(dd: string, fm: string) {
  const text = dd.replace(/<!--[\s\S]*?-->/g, '');
  const leaf = (tag: string): number => (text.match(new RegExp(`<(?:\\w+:)?${tag}\\s[^>]*\\buid="[0-9A-Fa-f]+"`, 'g')) ?? []).length;
  const enids = new Set([...text.matchAll(/<(?:\w+:)?enumerationType\s[^>]*\benid="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1]!, 16)));
  const fmEnums = new Set([...fm.matchAll(/refENID="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1]!, 16)));
  const referenced = new Set([...text.matchAll(/\benumerationType="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1]!, 16)));
  for (const r of referenced) if (!enids.has(r) && fmEnums.has(r)) enids.add(r);
  const allUids = [...text.matchAll(/\buid="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1]!, 16));
  const refUids = (text.match(/\brefUID="/g) ?? []).length;
  return {
    statuses: leaf('status'),
    settings: leaf('setting'),
    events: leaf('event'),
    commands: leaf('command'),
    options: leaf('option'),
    programs: leaf('program'),
    enumerations: enids.size,
    allUids,
    refUids,
  };
}

const pairs = rawProfilePairs();
const cache = new Map<string, ApplianceProfile>();
function profile(name: string): ApplianceProfile {
  let p = cache.get(name);
  if (!p) {
    const pair = pairs.find((x) => x.name.startsWith(name));
    if (!pair) throw new Error('missing profile ' + name);
    p = parseProfile(fs.readFileSync(pair.description, 'utf8'), fs.readFileSync(pair.featureMapping, 'utf8'));
    cache.set(name, p);
  }
  return p;
}

describe('profile: real DeviceDescription/FeatureMapping pairs', () => {
  it('finds the real profiles', () => {
    assert.ok(pairs.length >= 6, `expected at least 6 pairs, got ${pairs.length}`);
  });

  for (const pair of pairs) {
    describe(pair.name, () => {
      const dd = fs.readFileSync(pair.description, 'utf8');
      const fm = fs.readFileSync(pair.featureMapping, 'utf8');
      const expected = countByRegex(dd, fm);
      const p = parseProfile(dd, fm);

      it('counts per kind match an independent regex count of the raw XML', () => {
        assert.equal(p.statuses().length, expected.statuses, 'statuses');
        assert.equal(p.settings().length, expected.settings, 'settings');
        assert.equal(p.events().length, expected.events, 'events');
        assert.equal(p.commands().length, expected.commands, 'commands');
        assert.equal(p.options().length, expected.options, 'options');
        assert.equal(p.programs().length, expected.programs, 'programs');
        assert.equal(p.enumerations.size, expected.enumerations, 'enumerations');
      });

      it('has no warnings and loses no element: every uid and every per-program option is present', () => {
        assert.deepEqual(p.warnings, []);
        assert.equal(p.allFeatures().length, new Set(expected.allUids).size);
        for (const uid of expected.allUids) assert.ok(p.byUid(uid), `uid ${uid} missing`);
        const perProgram = p.programs().reduce((n, f) => n + (f.options?.length ?? 0), 0);
        assert.equal(perProgram, expected.refUids);
        for (const f of p.allFeatures()) assert.ok(!f.key.startsWith('uid:'), `${f.uid} has no name`);
      });

      it('has description, roots and a root program group holding every program', () => {
        assert.ok(p.description.type && p.description.brand && p.description.model);
        assert.equal(p.roots.activeProgram?.uid, 256);
        assert.equal(p.roots.selectedProgram?.uid, 257);
        const groups = p.programGroups();
        assert.ok(groups.some((g) => g.uid === 263 && g.parentUid === undefined));
        const grouped = groups.flatMap((g) => g.programs).sort((a, b) => a - b);
        assert.deepEqual(grouped, p.programs().map((f) => f.uid).sort((a, b) => a - b));
        for (const f of p.allFeatures()) assert.equal(f.shortKey, f.key.split('.').pop());
      });

      it('every enum-typed feature resolves to a non-empty enumeration with names', () => {
        for (const f of p.allFeatures()) {
          if (f.attributes.enumerationType === undefined) continue;
          assert.ok(f.enumeration, `${f.key} enumeration`);
          const names = Object.values(f.enumeration.members);
          assert.ok(names.length > 0, `${f.key} members`);
          for (const n of names) assert.ok(!/^\d+$/.test(n), `${f.key} member name ${n}`);
        }
      });
    });
  }
});

describe('profile: known facts', () => {
  it('SIEMENS-SX65EX56CN dishwasher: DoorState, PowerState, Eco50 with options', () => {
    const p = profile('SIEMENS-SX65EX56CN');
    const door = p.byUid(527)!;
    assert.equal(door.key, 'BSH.Common.Status.DoorState');
    assert.equal(door.kind, 'status');
    assert.equal(door.access, 'read');
    assert.deepEqual(Object.values(door.enumeration!.members).sort(), ['Closed', 'Open']);
    assert.equal(door.enumeration!.key, 'BSH.Common.EnumType.DoorState');
    const power = p.byUid(539)!;
    assert.equal(power.key, 'BSH.Common.Setting.PowerState');
    assert.deepEqual(power.enumeration!.members, { '1': 'Off', '2': 'On' });
    const eco = p.resolve('Dishcare.Dishwasher.Program.Eco50');
    assert.equal(eco.uid, 8196);
    assert.equal(p.encodeProgram('Eco50'), 8196);
    assert.equal(p.programKey(8196), 'Dishcare.Dishwasher.Program.Eco50');
    const keys = eco.options!.map((o) => o.key);
    assert.ok(keys.includes('BSH.Common.Option.StartInRelative'));
    assert.ok(keys.includes('Dishcare.Dishwasher.Option.HalfLoad'));
    const start = eco.options!.find((o) => o.uid === 558)!;
    assert.equal(start.access, 'readWrite');
    assert.equal(start.liveUpdate, false);
    assert.equal(start.attributes.refUID, '022E');
    // Static option access is read; the program view makes it writable.
    assert.equal(p.byUid(558)!.access, 'read');
    assert.deepEqual(p.encodeOption('Eco50', 'StartInRelative', 600), { uid: 558, value: 600 });
    assert.equal(p.errorName(0x021b), 'BSH.Common.Error.LockedByLocalControl');
  });

  it('SIEMENS-WM6HXF91NL washer (AES): description, temperature subset enums, favourites', () => {
    const p = profile('SIEMENS-WM6HXF91NL');
    assert.deepEqual(p.description, { type: 'Washer', brand: 'SIEMENS', model: 'WM6HXF91NL', version: '1', revision: '0' });
    const temp = p.resolve('LaundryCare.Washer.Option.Temperature');
    assert.equal(temp.uid, 0x6001);
    assert.equal(temp.parentUid, 0x161d);
    assert.equal(temp.enumeration!.members['3'], 'GC40');
    // subsetOf 6001: own members, names from the parent's FeatureMapping enum.
    const sub = p.enumerations.get(0x8002)!;
    assert.equal(sub.key, 'LaundryCare.Washer.EnumType.Temperature');
    assert.deepEqual(sub.members, { '0': 'Cold', '1': 'GC20', '2': 'GC30', '3': 'GC40', '5': 'GC60', '8': 'GC90', '254': 'Auto' });
    assert.equal(p.byUid(0x6002)!.key, 'LaundryCare.Washer.Option.SpinSpeed');
    assert.equal(p.byUid(0x6002)!.enumeration!.members['140'], 'RPM1400');
  });

  it('SIEMENS-WM16XE91 washer: nested program groups, favourites, nested option lists with access none', () => {
    const p = profile('SIEMENS-WM16XE91');
    const groups = p.programGroups();
    const fav = groups.find((g) => g.key === 'LaundryCare.Common.ProgramGroup.Favorites')!;
    assert.equal(fav.uid, 0x1710);
    assert.equal(fav.parentUid, 263);
    assert.deepEqual(fav.programs.slice(0, 3).map((u) => p.programKey(u)), [
      'LaundryCare.Common.Program.Memory1',
      'LaundryCare.Common.Program.Memory2',
      'LaundryCare.Common.Program.Memory3',
    ]);
    const washer = groups.find((g) => g.key === 'LaundryCare.Common.ProgramGroup.Washer')!;
    assert.equal(washer.parentUid, 0x1712);
    assert.ok(washer.programs.includes(p.resolve('LaundryCare.Washer.Program.Cotton').uid));
    for (const [uid, key] of [
      [0x161d, 'LaundryCare.Common.OptionList.Options'],
      [0x161c, 'LaundryCare.Common.OptionList.RemoteStart'],
      [0x161a, 'LaundryCare.Common.OptionList.SelectedStatus'],
    ] as const) {
      const l = p.byUid(uid)!;
      assert.equal(l.key, key);
      assert.equal(l.kind, 'list');
      assert.equal(l.access, 'none');
      assert.equal(l.parentUid, 262);
    }
    const finish = p.resolve('BSH.Common.Option.FinishInRelative');
    assert.equal(finish.parentUid, 0x161c);
    assert.equal(finish.access, 'none');
    assert.equal(p.byUid(0x0401)!.parentUid, 0x0400); // statusList in statusList in statusList
  });

  it('SIEMENS-SN658X06TE dishwasher: nested optionList EFF1', () => {
    const p = profile('SIEMENS-SN658X06TE');
    const list = p.byUid(0xeff1)!;
    assert.equal(list.key, 'Dishcare.Dishwasher.OptionList.Options');
    assert.equal(list.kind, 'list');
    assert.equal(list.parentUid, 262);
    const nested = p.options().filter((o) => o.parentUid === 0xeff1).map((o) => o.key);
    assert.ok(nested.includes('Dishcare.Dishwasher.Option.VarioSpeedPlus'));
    assert.ok(nested.includes('Dishcare.Dishwasher.Option.IntensivZone'));
    assert.equal(p.find('Eco50')!.uid, 8196);
  });

  it('TI9555X1DE coffee machine: subset enums without FeatureMapping entry take names from the parent', () => {
    const p = profile('SIEMENS-TI9555X1DE');
    const sub = p.enumerations.get(0x1117)!;
    assert.deepEqual(sub.members, { '20': 'Mild', '40': 'Normal', '60': 'Strong' });
    assert.equal(sub.key, p.enumerations.get(0x1006)!.key);
    assert.deepEqual(p.byUid(539)!.enumeration!.members, { '2': 'On', '3': 'Standby' });
  });
});
