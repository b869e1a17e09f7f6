import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { parseProfile, parseXml, type ApplianceProfile } from '../../src/profile';
import { rawProfilePairs } from '../support/paths';

/** Independent counting over the raw text (regex), not via the element tree. */
function countByRegex(dd: string, fm: string) {
  const text = dd.replace(/<!--[\s\S]*?-->/g, '');
  const leaf = (tag: string): number => (text.match(new RegExp(`<(?:\\w+:)?${tag}\\s[^>]*\\buid="[0-9A-Fa-f]+"`, 'g')) ?? []).length;
  const enids = new Set([...text.matchAll(/<(?:\w+:)?enumerationType\s[^>]*\benid="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1], 16)));
  const fmEnums = new Set([...fm.matchAll(/refENID="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1], 16)));
  const referenced = new Set([...text.matchAll(/\benumerationType="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1], 16)));
  for (const r of referenced) if (!enids.has(r) && fmEnums.has(r)) enids.add(r);
  const allUids = [...text.matchAll(/\buid="([0-9A-Fa-f]+)"/g)].map((m) => parseInt(m[1], 16));
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
        assert.deepEqual(
          grouped,
          p
            .programs()
            .map((f) => f.uid)
            .sort((a, b) => a - b),
        );
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
    assert.deepEqual(
      fav.programs.slice(0, 3).map((u) => p.programKey(u)),
      ['LaundryCare.Common.Program.Memory1', 'LaundryCare.Common.Program.Memory2', 'LaundryCare.Common.Program.Memory3'],
    );
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
    const nested = p
      .options()
      .filter((o) => o.parentUid === 0xeff1)
      .map((o) => o.key);
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

describe('profile: XML details the parser configuration must keep', () => {
  const DD = `<?xml version="1.0"?>
<device xmlns="http://www.home-connect.com/schemas/DeviceDescription/20140417" xmlns:xi="http://www.w3.org/2001/XInclude">
  <xi:include href="x.xml"><xi:fallback><error>not found</error></xi:fallback></xi:include>
  <description><type>Oven</type><brand>A &amp; B</brand><model>M&lt;1&gt;</model></description>
  <settingList uid="0103">
    <setting uid="0201" access="readWrite" default="&quot;x&quot; &amp; &apos;y&apos;"/>
    <setting uid="0202" access="read" xyz="1 &lt; 2"/>
  </settingList>
  <programGroup uid="0107">
    <program uid="0301"><option refUID="0201" access="readWrite" liveUpdate="true"/><option refUID="0202" access="read"/></program>
    <program uid="0302"><option refUID="0201" access="readWrite" liveUpdate="true"/><option refUID="0202" access="readWrite"/></program>
  </programGroup>
</device>`;
  const FM = `<?xml version="1.0"?>
<featureMappingFile xmlns="http://www.home-connect.com/schemas/FeatureMapping/20140417">
  <featureDescription>
    <feature refUID="0103">Test.SettingList</feature>
    <feature refUID="0201">Test.Setting.Salt&amp;Pepper</feature>
    <feature refUID="0202">Test.Setting.&quot;Quoted&quot;</feature>
    <feature refUID="0107">Test.ProgramGroup</feature>
    <feature refUID="0301">Test.Program.One</feature>
    <feature refUID="0302">Test.Program.Two</feature>
  </featureDescription>
  <errorDescription><error refEID="0001">Test.Error.A&lt;B</error></errorDescription>
</featureMappingFile>`;

  it('decodes the predefined entities in texts and attribute values of both files', () => {
    const p = parseProfile(DD, FM);
    assert.deepEqual(p.warnings, []);
    assert.equal(p.description.brand, 'A & B');
    assert.equal(p.description.model, 'M<1>');
    assert.equal(p.byUid(0x201)!.key, 'Test.Setting.Salt&Pepper');
    assert.equal(p.byUid(0x202)!.key, 'Test.Setting."Quoted"');
    assert.equal(p.byUid(0x201)!.default, `"x" & 'y'`);
    assert.equal(p.byUid(0x202)!.attributes.xyz, '1 < 2');
    assert.equal(p.errorName(1), 'Test.Error.A<B');
  });

  it('identical per-program option attribute sets are one frozen object; the options stay separate', () => {
    const p = parseProfile(DD, FM);
    const one = p.byUid(0x301)!.options!;
    const two = p.byUid(0x302)!.options!;
    assert.equal(one[0].attributes, two[0].attributes);
    assert.ok(Object.isFrozen(one[0].attributes));
    assert.deepEqual(one[0].attributes, { refUID: '0201', access: 'readWrite', liveUpdate: 'true' });
    assert.notEqual(one[1].attributes, two[1].attributes);
    assert.equal(one[1].access, 'read');
    assert.equal(two[1].access, 'readWrite');
    p.applyDescriptionChange({ uid: 0x201, parentUID: 0x301, access: 'read' });
    assert.equal(one[0].access, 'read');
    assert.equal(two[0].access, 'readWrite');
  });

  it('parseXml: local names, xmlns dropped, XInclude dropped, leaves without children', () => {
    const root = parseXml(DD, 'DeviceDescription.xml');
    assert.equal(root.name, 'device');
    assert.deepEqual(root.attributes, {});
    assert.deepEqual(
      root.children.map((c) => c.name),
      ['description', 'settingList', 'programGroup'],
    );
    const setting = root.children[1].children[0];
    assert.deepEqual(setting.children, []);
    assert.equal(setting.text, '');
    assert.equal(root.children[0].children[1].text, 'A & B');
  });
});
