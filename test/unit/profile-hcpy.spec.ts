import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import fc from 'fast-check';
import { HomeConnectError } from '../../src/errors';
import {
  kindFromName,
  parseProfile,
  profileFromHcpyFeatures,
  profileFromRecord,
  type ApplianceRecord,
  type HcpyFeatures,
} from '../../src/profile';
import { hcpyDevicesFile, rawProfilePairs } from '../support/paths';

const hcpyFile = hcpyDevicesFile;
const devices = JSON.parse(fs.readFileSync(hcpyFile, 'utf8')) as Array<{ description: Record<string, string>; features: HcpyFeatures }>;

describe('profile: hcpy devices.json features', () => {
  const dev = devices[0];
  const p = profileFromHcpyFeatures(dev.description, dev.features);

  it('infers kinds from names and keeps every feature', () => {
    const names = Object.values(dev.features).map((f) => String(f.name));
    const count = (seg: string): number => names.filter((n) => n.split('.')[2] === seg).length;
    assert.equal(p.allFeatures().length, Object.keys(dev.features).length);
    assert.equal(p.statuses().length, count('Status'));
    assert.equal(p.settings().length, count('Setting'));
    assert.equal(p.events().length, count('Event'));
    assert.equal(p.commands().length, count('Command'));
    assert.equal(p.options().length, count('Option'));
    assert.equal(p.programs().length, count('Program'));
    assert.deepEqual(p.warnings, []);
    assert.equal(p.description.model, 'SMV4HCX48E');
    assert.equal(p.byUid(615)!.kind, 'status'); // BSH.Common.Status.Program.All.Count.Started
    assert.equal(p.roots.activeProgram!.uid, 256);
    assert.equal(p.byUid(258)!.kind, 'list');
    const root = p.programGroups().find((g) => g.uid === 263)!;
    assert.equal(root.programs.length, p.programs().length);
  });

  it('kindFromName', () => {
    assert.equal(kindFromName('BSH.Common.Root.SelectedProgram'), 'root');
    assert.equal(kindFromName('BSH.Common.Root.ProgramGroup'), 'programGroup');
    assert.equal(kindFromName('BSH.Common.Root.OptionList'), 'list');
    assert.equal(kindFromName('LaundryCare.Common.OptionList.Options'), 'list');
    assert.equal(kindFromName('LaundryCare.Common.ProgramGroup.Favorites'), 'programGroup');
    assert.equal(kindFromName('Cooking.Oven.Status.Cavity.001.Temperature'), 'status');
    assert.equal(kindFromName('BSH.Common.Setting.Favorite.001.Program'), 'setting');
    assert.equal(kindFromName('Something'), 'other');
  });

  it('decodes and validates through the values maps', () => {
    assert.equal(p.decode(527, 0)!.value, 'Open');
    assert.equal(p.decode(539, 2)!.value, 'On');
    assert.equal(p.decode(256, 8196)!.value, 'Dishcare.Dishwasher.Program.Eco50');
    assert.equal(p.decode(256, 0)!.value, null);
    assert.deepEqual(p.encodeValue('BSH.Common.Setting.PowerState', 'On'), { uid: 539, value: 2 });
    assert.throws(
      () => p.encodeValue('BSH.Common.Setting.PowerState', 'Standby'),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && /accepted: .*On/.test(e.message),
    );
    assert.equal(p.encodeProgram('Eco50'), 8196);
    // Name-only options (old hcpy files): no type information, plain JSON values pass.
    assert.deepEqual(p.encodeOption('Eco50', 'StartInRelative', 600), { uid: 558, value: 600 });
    assert.equal(p.errorName(531), 'BSH.Common.Error.ValueOutOfRange');
  });

  it('same facts as the XML path for a shared appliance (SX65EX56CN DoorState/PowerState)', () => {
    const pair = rawProfilePairs().find((x) => x.name.startsWith('SIEMENS-SX65EX56CN'))!;
    const xml = parseProfile(fs.readFileSync(pair.description, 'utf8'), fs.readFileSync(pair.featureMapping, 'utf8'));
    for (const uid of [527, 539]) assert.equal(p.byUid(uid)!.key, xml.byUid(uid)!.key);
  });

  it('tolerates junk entries with warnings', () => {
    const q = profileFromHcpyFeatures(undefined, {
      abc: { name: 'X.Y.Status.Z' },
      '12': { access: 'readWrite' },
      '13': { name: 'A.B.Setting.C', min: 'x', values: { '0': 'Zero', nope: 'N' }, refCID: '03', refDID: '80', access: 'readWrite' },
      '14': null as unknown as Record<string, unknown>,
    });
    assert.equal(q.description.type, '');
    assert.ok(q.warnings.some((w) => /abc/.test(w.message)));
    assert.ok(q.warnings.some((w) => /12 has no name/.test(w.message)));
    assert.deepEqual(q.byUid(13)!.enumeration!.members, { '0': 'Zero' });
    assert.deepEqual(q.encodeValue('C', 'zero'), { uid: 13, value: 0 });
    assert.equal(q.byUid(14)!.key, 'uid:14');
  });
});

describe('profile: profileFromRecord', () => {
  const base: ApplianceRecord = {
    haId: 'X1',
    name: 'dw',
    brand: 'B',
    type: 'Dishwasher',
    vib: 'V1',
    host: 'h',
    connectionType: 'TLS',
    key: 'k',
  };
  it('prefers XML, falls back to features, throws profile error without either', () => {
    const pair = rawProfilePairs().find((x) => x.name.startsWith('SIEMENS-SX65EX56CN'))!;
    const xmlRec = {
      ...base,
      deviceDescription: fs.readFileSync(pair.description, 'utf8'),
      featureMapping: fs.readFileSync(pair.featureMapping, 'utf8'),
      features: { '1': { name: 'Only.Hcpy.Status.X' } },
    };
    assert.equal(profileFromRecord(xmlRec).description.model, 'SX65EX56CN');
    const hc = profileFromRecord({ ...base, features: devices[0].features });
    assert.equal(hc.description.model, 'V1');
    assert.equal(hc.byUid(527)!.key, 'BSH.Common.Status.DoorState');
    assert.throws(
      () => profileFromRecord(base),
      (e: unknown) => e instanceof HomeConnectError && e.kind === 'profile' && /X1/.test(e.message) && !/"k"/.test(e.message),
    );
  });
});

describe('profile: decode never throws (property)', () => {
  const pairs = rawProfilePairs();
  const profiles = pairs.map((x) => parseProfile(fs.readFileSync(x.description, 'utf8'), fs.readFileSync(x.featureMapping, 'utf8')));
  profiles.push(profileFromHcpyFeatures(devices[0].description, devices[0].features));
  const uids = [...new Set(profiles.flatMap((p) => p.allFeatures().map((f) => f.uid)))];

  it('for any uid (known or not) and any JSON-ish value', () => {
    const uid = fc.oneof(fc.constantFrom(...uids), fc.integer(), fc.double(), fc.constant(NaN));
    const raw = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      fc.string(),
      fc.constantFrom('{', '[', '{"a":1}', '[1]"', 'true', '0', '-1', '1e999', '__proto__', 'constructor', 'toString'),
      fc.integer(),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.nat(profiles.length - 1), uid, raw, (i, u, r) => {
        const d = profiles[i].decode(u, r);
        if (d !== undefined) {
          assert.equal(d.uid, u);
          assert.equal(d.raw, r);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('encodeValue only ever throws HomeConnectError validation', () => {
    const p = profiles[0];
    const keys = p.allFeatures().map((f) => f.key);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (k, v) => {
        try {
          p.encodeValue(k, v);
        } catch (e) {
          assert.ok(e instanceof HomeConnectError && e.kind === 'validation', String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
