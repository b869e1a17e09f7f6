import * as assert from 'assert';
import * as fs from 'fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseKeyFilter } from '../../nodes/key-filter';
import { HomeConnectError } from '../../src/errors';
import { parseProfile, profileFromRecord, type ApplianceProfile } from '../../src/profile';
import { importProfileZip, readDescriptionInfo, writeProfileZip } from '../../src/profile/import';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { remoteSelectRefusal, remoteStartRefusal, resolveDelayedStart } from '../../src/protocol/program-command';
import { DEMO_NAMES, demoRecord, demoRecords } from '../../src/simulator/demo-profiles';
import { planRun } from '../../src/simulator/program-runner';
import { SimulatedState } from '../../src/simulator/simulated-state';
import { rawProfilePairs } from '../support/paths';

const demo = (name: string): ApplianceRecord => demoRecord(name)!;
const profileOf = (name: string): ApplianceProfile => profileFromRecord(demo(name));

/** Keys every demo type must offer: the features its users ask for. */
const EXPECTED: Record<string, { type: string; transport: 'TLS' | 'AES'; keys: string[] }> = {
  oven: {
    type: 'Oven',
    transport: 'TLS',
    keys: [
      'Cooking.Oven.Status.Cavity.001.CurrentTemperature',
      'Cooking.Oven.Status.Cavity.001.MeatProbePlugged',
      'Cooking.Oven.Option.SetpointTemperature',
      'Cooking.Oven.Option.FastPreHeat',
      'Cooking.Oven.Option.MeatProbeTemperature',
      'BSH.Common.Option.Duration',
      'BSH.Common.Program.Favorite.001',
      'BSH.Common.Setting.Favorite.001.Name',
      'BSH.Common.Status.DoorState',
      'Cooking.Oven.Program.HeatingMode.HotAir',
    ],
  },
  hob: {
    type: 'Hob',
    transport: 'AES',
    keys: [
      'Cooking.Hob.Status.Zone.100.PowerLevel',
      'Cooking.Hob.Status.Zone.400.ResidualHeat',
      'Cooking.Hob.Program.PowerLevelMode',
      'Cooking.Hob.Option.PowerLevel',
    ],
  },
  hood: {
    type: 'Hood',
    transport: 'AES',
    keys: [
      'Cooking.Common.Program.Hood.Venting',
      'Cooking.Common.Option.Hood.VentingLevel',
      'Cooking.Common.Option.Hood.IntensiveLevel',
      'Cooking.Common.Setting.Lighting',
      'Cooking.Common.Setting.LightingBrightness',
    ],
  },
  fridge: {
    type: 'FridgeFreezer',
    transport: 'TLS',
    keys: [
      'Refrigeration.FridgeFreezer.Setting.SetpointTemperatureRefrigerator',
      'Refrigeration.FridgeFreezer.Setting.SetpointTemperatureFreezer',
      'Refrigeration.FridgeFreezer.Setting.SuperModeRefrigerator',
      'Refrigeration.FridgeFreezer.Setting.SuperModeFreezer',
      'Refrigeration.FridgeFreezer.Event.DoorAlarmFreezer',
      'Refrigeration.Common.Status.Door.Freezer',
    ],
  },
  dryer: {
    type: 'Dryer',
    transport: 'AES',
    keys: [
      'LaundryCare.Dryer.Option.DryingTarget',
      'LaundryCare.Dryer.Option.WrinkleGuard',
      'BSH.Common.Option.RemainingProgramTime',
      'BSH.Common.Option.FinishInRelative',
      'LaundryCare.Dryer.Program.Cotton',
    ],
  },
  coffee: {
    type: 'CoffeeMaker',
    transport: 'TLS',
    keys: [
      'ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso',
      'ConsumerProducts.CoffeeMaker.Option.FillQuantity',
      'ConsumerProducts.CoffeeMaker.Option.BeanAmount',
      'ConsumerProducts.CoffeeMaker.Option.CoffeeTemperature',
      'ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffee',
    ],
  },
};

function names(fm: string): Map<number, string> {
  return new Map([...fm.matchAll(/<feature refUID="([0-9A-F]+)">([^<]+)<\/feature>/g)].map((m) => [parseInt(m[1], 16), m[2]]));
}
const hexSet = (xml: string, re: RegExp) => new Set([...xml.matchAll(re)].map((m) => m[1]));

type Node = Record<string, unknown>;
const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node): Node[] => (n[tagOf(n)] as Node[]) ?? [];
const attrs = (n: Node): Record<string, string> => (n[':@'] as Record<string, string>) ?? {};
const text = (n: Node): string =>
  kids(n)
    .map((k) => String((k['#text'] as string | number | undefined) ?? ''))
    .join('');

/**
 * The merge an independent implementation (hcpy's HCxml2json) does, written here from its
 * documented behaviour with another XML parser: FeatureMapping children by position (include,
 * features, errors, enums), the description as the device's fourth child, then every element
 * with a uid looked up by hex uid (a missing name is fatal) with its enumeration resolved from
 * the FeatureMapping only. Throws where that implementation would crash.
 */
function independentMerge(dd: string, fm: string): { description: Record<string, string>; features: Map<number, Record<string, unknown>> } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const root = (doc: Node[], tag: string): Node => {
    const r = doc.find((n) => tagOf(n) === tag);
    if (!r) throw new Error(`no <${tag}> root`);
    return r;
  };
  const fmChildren = kids(root(parser.parse(fm) as Node[], 'featureMappingFile')).filter((n) => tagOf(n) !== '#text');
  if (tagOf(fmChildren[0]) !== 'xi:include') throw new Error('FeatureMapping does not start with its include');
  const [features, errors, enums] = [fmChildren[1], fmChildren[2], fmChildren[3]];
  if (tagOf(features) !== 'featureDescription' || tagOf(errors) !== 'errorDescription' || tagOf(enums) !== 'enumDescriptionList') {
    throw new Error(`FeatureMapping children out of order: ${fmChildren.map(tagOf).join(',')}`);
  }
  const names = new Map<number, Record<string, unknown>>();
  for (const f of kids(features)) names.set(parseInt(attrs(f).refUID, 16), { name: text(f) });
  const enumValues = new Map<number, Record<string, string>>();
  for (const e of kids(enums)) {
    const values: Record<string, string> = {};
    for (const m of kids(e)) values[String(parseInt(attrs(m).refValue, 10))] = text(m);
    enumValues.set(parseInt(attrs(e).refENID, 16), values);
  }
  const device = kids(root(parser.parse(dd) as Node[], 'device')).filter((n) => tagOf(n) !== '#text');
  if (device.slice(0, 3).some((n) => tagOf(n) !== 'xi:include')) throw new Error('device does not start with three includes');
  if (tagOf(device[3]) !== 'description') throw new Error('fourth child of device is not <description>');
  const description: Record<string, string> = {};
  for (const d of kids(device[3])) if (tagOf(d) !== 'pairableDeviceTypes') description[tagOf(d)] = text(d);
  const walk = (n: Node): void => {
    for (const c of kids(n)) {
      const a = attrs(c);
      if (a.uid === undefined) continue; // <option refUID> inside programs: skipped with its children
      const f = names.get(parseInt(a.uid, 16));
      if (!f) throw new Error(`uid ${a.uid} has no name in the FeatureMapping`);
      Object.assign(f, a);
      if (a.enumerationType !== undefined) {
        const v = enumValues.get(parseInt(a.enumerationType, 16));
        if (!v) throw new Error(`enumeration ${a.enumerationType} of ${String(f.name)} is not in the FeatureMapping`);
        delete f.enumerationType;
        f.values = v;
      }
      delete f.uid;
      walk(c);
    }
  };
  for (const top of device.slice(4)) walk(top);
  return { description, features: names };
}

describe('demo appliance types', () => {
  it('demoRecords() lists every demo once, dishwasher and washer first, with stable HCLOCAL-DEMO haIds', () => {
    const records = demoRecords();
    assert.deepStrictEqual(
      records.map((r) => r.name),
      ['dishwasher', 'washer', 'oven', 'hob', 'hood', 'fridge', 'dryer', 'coffee'],
    );
    assert.deepStrictEqual(
      [...DEMO_NAMES],
      records.map((r) => r.name),
    );
    assert.strictEqual(new Set(records.map((r) => r.haId)).size, records.length);
    for (const r of records) assert.match(r.haId, /^HCLOCAL-DEMO[A-Z0-9]+-\d{12}$/);
    assert.strictEqual(demoRecord('toaster'), undefined);
    assert.strictEqual(demoRecord('constructor'), undefined);
    const copy = demoRecord('oven')!;
    copy.host = 'changed';
    assert.notStrictEqual(demoRecord('oven')!.host, 'changed');
  });

  it('uses both transports among the new types, with 32-byte keys and 16-byte ivs for AES', () => {
    const fresh = Object.keys(EXPECTED).map(demo);
    assert.ok(fresh.some((r) => r.connectionType === 'TLS'));
    assert.ok(fresh.some((r) => r.connectionType === 'AES'));
    for (const r of demoRecords()) {
      assert.strictEqual(Buffer.from(r.key, 'base64url').length, 32, r.name);
      if (r.connectionType === 'AES') assert.strictEqual(Buffer.from(r.iv!, 'base64url').length, 16, r.name);
      else assert.strictEqual(r.iv, undefined, r.name);
    }
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    describe(name, () => {
      const r = demo(name);
      const dd = r.deviceDescription!;
      const fm = r.featureMapping!;

      it(`is type ${want.type} over ${want.transport} and parses with zero warnings`, () => {
        assert.strictEqual(r.type, want.type);
        assert.strictEqual(r.connectionType, want.transport);
        const p = parseProfile(dd, fm);
        assert.deepStrictEqual(p.warnings, []);
        assert.strictEqual(p.description.type, want.type);
        for (const key of want.keys) assert.ok(p.find(key), `${name} has ${key}`);
      });

      it('is real-shaped: roots, namespaces, includes, every uid named, every enum declared in both files', () => {
        assert.strictEqual(XMLValidator.validate(dd), true);
        assert.strictEqual(XMLValidator.validate(fm), true);
        assert.match(
          dd,
          /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<device xmlns="http:\/\/www\.home-connect\.com\/schemas\/DeviceDescription\/20140417"/,
        );
        assert.match(fm, /<featureMappingFile xmlns="http:\/\/www\.home-connect\.com\/schemas\/FeatureMapping\/20140417"/);
        assert.strictEqual((dd.match(/<xi:include /g) ?? []).length, 3);
        assert.deepStrictEqual(readDescriptionInfo(dd), { type: r.type, brand: r.brand, vib: r.vib });
        const declared = new Set([...dd.matchAll(/<\w+\s[^>]*?\buid="([0-9A-F]{4})"/g)].map((m) => parseInt(m[1], 16)));
        const named = names(fm);
        assert.deepStrictEqual(
          [...declared].filter((u) => !named.has(u)),
          [],
          'declared but unnamed',
        );
        assert.deepStrictEqual(
          [...named.keys()].filter((u) => !declared.has(u)),
          [],
          'named but not declared',
        );
        assert.deepStrictEqual(
          [...hexSet(dd, /refUID="([0-9A-F]+)"/g)].filter((u) => !declared.has(parseInt(u, 16))),
          [],
        );
        const used = hexSet(dd, /enumerationType="([0-9A-F]+)"/g);
        const inDd = hexSet(dd, /enid="([0-9A-F]+)"/g);
        const inFm = hexSet(fm, /refENID="([0-9A-F]+)"/g);
        assert.deepStrictEqual(
          [...used].filter((e) => !inDd.has(e) || !inFm.has(e)),
          [],
        );
        // Attribute names and types as real files write them: hex refCID/refDID, lower-camel access.
        for (const m of dd.matchAll(/refCID="([^"]*)" refDID="([^"]*)"/g)) {
          assert.match(m[1], /^[0-9A-F]{2}$/);
          assert.match(m[2], /^[0-9A-F]{2}([0-9A-F]{2})?$/);
        }
        for (const m of dd.matchAll(/\baccess="([^"]*)"/g)) assert.ok(['read', 'readWrite', 'writeOnly', 'none'].includes(m[1]), m[1]);
        // Each feature is preceded by its name as a comment, as in newer real files.
        for (const m of dd.matchAll(/<!--([\w.]+) -->\n\s*<(\w+) [^>]*?uid="([0-9A-F]{4})"/g)) {
          assert.strictEqual(named.get(parseInt(m[3], 16)), m[1]);
        }
      });

      it('merges cleanly the way an independent implementation reads profiles (hcpy-style)', () => {
        const merged = independentMerge(dd, fm);
        assert.deepStrictEqual(merged.description, {
          type: r.type,
          brand: r.brand,
          model: r.vib,
          version: merged.description.version,
          revision: merged.description.revision,
        });
        const byName = new Map([...merged.features.values()].map((f) => [f.name, f]));
        for (const key of want.keys) {
          const f = byName.get(key);
          assert.ok(f && (f.refCID !== undefined || f.available !== undefined), `${key} merged with its attributes`);
        }
        const op = byName.get('BSH.Common.Status.OperationState');
        if (op) assert.strictEqual((op.values as Record<string, string>)['3'], 'Run');
      });

      it('survives the saved profile ZIP round trip unchanged', () => {
        const out = writeProfileZip(r, new Date('2026-12-01T12:00:00Z'));
        const again = importProfileZip(out.data, out.fileName).find((x) => x.haId === r.haId)!;
        assert.strictEqual(again.deviceDescription, dd);
        assert.strictEqual(again.featureMapping, fm);
        assert.strictEqual(again.key, r.key);
        assert.strictEqual(again.connectionType, r.connectionType);
      });
    });
  }

  it('the independent merge accepts every real fixture too, and every real fixture parses with zero warnings', () => {
    for (const pair of rawProfilePairs()) {
      const dd = fs.readFileSync(pair.description, 'utf8');
      const fm = fs.readFileSync(pair.featureMapping, 'utf8');
      assert.ok(independentMerge(dd, fm).features.size > 50, pair.name);
      assert.deepStrictEqual(parseProfile(dd, fm).warnings, [], pair.name);
    }
    // And it is strict: a uid the FeatureMapping does not name is fatal, as in the real tool.
    const oven = demo('oven');
    assert.throws(
      () => independentMerge(oven.deviceDescription!, oven.featureMapping!.replace(/<feature refUID="1001">[^<]*<\/feature>/, '')),
      /uid 1001/,
    );
  });

  describe('keys with numbered parts', () => {
    it('oven: full keys, unique short keys and unique trailing parts resolve', () => {
      const p = profileOf('oven');
      const temp = 'Cooking.Oven.Status.Cavity.001.CurrentTemperature';
      assert.strictEqual(p.find(temp)?.key, temp);
      assert.strictEqual(p.find('CurrentTemperature')?.key, temp);
      assert.strictEqual(p.find('Cavity.001.CurrentTemperature')?.key, temp);
      assert.strictEqual(p.find('001.CurrentTemperature')?.key, temp);
      assert.strictEqual(p.find('BSH.Common.Program.Favorite.001')?.shortKey, 'Favorite.001');
      assert.strictEqual(p.encodeProgram('Favorite.001'), 0x2901);
      assert.strictEqual(p.encodeProgram('BSH.Common.Program.Favorite.001'), 0x2901);
      assert.deepStrictEqual(p.encodeValue('Favorite.001.Name', 'Roast'), { uid: 0x0260, value: 'Roast' });
      assert.deepStrictEqual(p.encodeValue('BSH.Common.Setting.Favorite.002.Name', 'Pizza'), { uid: 0x0261, value: 'Pizza' });
      // "001" alone is a uid, never a favourite.
      assert.throws(() => p.encodeProgram('001'), /not a program/);
      assert.throws(() => p.encodeValue('Favorite.001.Name', 'x'.repeat(31)), HomeConnectError);
    });

    it('hob: a short key shared by four zones is ambiguous, the zone part makes it unique', () => {
      const p = profileOf('hob');
      assert.strictEqual(p.find('PowerLevel'), undefined);
      assert.throws(() => p.resolve('PowerLevel'), /ambiguous.*Cooking\.Hob\.Status\.Zone\.100\.PowerLevel/);
      assert.strictEqual(p.find('Zone.200.PowerLevel')?.key, 'Cooking.Hob.Status.Zone.200.PowerLevel');
      assert.strictEqual(p.find('Status.Zone.300.ResidualHeat')?.key, 'Cooking.Hob.Status.Zone.300.ResidualHeat');
      assert.strictEqual(p.find('Zone.500.PowerLevel'), undefined);
      assert.strictEqual(p.find('.PowerLevel'), undefined);
      const decoded = p.decode(p.resolve('Zone.100.PowerLevel').uid, 10);
      assert.strictEqual(decoded?.value, 'PowerBoost');
    });

    it('in-node filter: full keys, trailing parts and wildcards match numbered keys at a dot', () => {
      const oven = profileOf('oven')
        .allFeatures()
        .map((f) => f.key);
      const hob = profileOf('hob')
        .allFeatures()
        .map((f) => f.key);
      const match = (filter: string, keys: string[]) => keys.filter(parseKeyFilter(filter));
      assert.deepStrictEqual(match('Cavity.001.CurrentTemperature', oven), ['Cooking.Oven.Status.Cavity.001.CurrentTemperature']);
      assert.deepStrictEqual(match('Favorite.001', oven), ['BSH.Common.Program.Favorite.001']);
      assert.deepStrictEqual(match('favorite.001.name', oven), ['BSH.Common.Setting.Favorite.001.Name']);
      assert.deepStrictEqual(match('Cooking.Oven.Status.Cavity.001.*', oven).length, 4);
      assert.deepStrictEqual(match('Cavity.*', oven).sort(), oven.filter((k) => k.includes('.Cavity.')).sort());
      assert.deepStrictEqual(match('Favorite.*.Name', oven), [
        'BSH.Common.Setting.Favorite.001.Name',
        'BSH.Common.Setting.Favorite.002.Name',
      ]);
      assert.deepStrictEqual(
        match('Zone.*.PowerLevel', hob),
        [100, 200, 300, 400].map((z) => `Cooking.Hob.Status.Zone.${z}.PowerLevel`),
      );
      assert.deepStrictEqual(match('Zone.100.*', hob).length, 4);
      assert.deepStrictEqual(match('PowerLevel', hob).length, 5, 'short key: four zones and the option');
      // Matching stays at dot boundaries: no partial segment hits.
      assert.deepStrictEqual(match('Level', hob), []);
      assert.deepStrictEqual(match('one.100.PowerLevel', hob), []);
      // Existing forms keep working.
      assert.deepStrictEqual(match('DoorState', oven), ['BSH.Common.Status.DoorState']);
      assert.ok(match('BSH.Common.Status.*', oven).includes('BSH.Common.Status.DoorState'));
      assert.ok(match('*.Event.*', oven).includes('Cooking.Oven.Event.Cavity.001.MeatProbeTargetReached'));
    });
  });

  describe('remote start rules of the profile', () => {
    it('refuses every hob start with a sentence saying the appliance does not allow remote starts', () => {
      const p = profileOf('hob');
      const e = remoteStartRefusal(p, 'hob');
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'validation');
      assert.match(e.message, /^hob does not allow remote starts: .*Nothing was sent\.$/);
      assert.match(remoteStartRefusal(p, 'hob', 0x3501)!.message, /does not allow remote starts/);
    });

    it('refuses a fridge (no programs) and an oven program that is select-only; allows the rest', () => {
      assert.match(remoteStartRefusal(profileOf('fridge'), 'fridge')!.message, /fridge does not allow remote starts: it has no programs/);
      const oven = profileOf('oven');
      assert.strictEqual(remoteStartRefusal(oven, 'oven'), undefined);
      assert.strictEqual(remoteStartRefusal(oven, 'oven', 0x1501), undefined);
      assert.match(
        remoteStartRefusal(oven, 'oven', 0x1601)!.message,
        /does not allow remote starts of Cooking\.Oven\.Program\.Cleaning\.Pyrolysis: it can only be selected remotely/,
      );
      for (const name of ['dishwasher', 'washer', 'hood', 'dryer', 'coffee']) {
        const p = profileOf(name);
        assert.strictEqual(remoteStartRefusal(p, name), undefined, name);
        for (const prog of p.programs()) assert.strictEqual(remoteStartRefusal(p, name, prog.uid), undefined, prog.key);
      }
    });

    it('selection follows the same rules: hob and fridge refused, a select-only oven program allowed', async () => {
      assert.match(remoteSelectRefusal(profileOf('hob'), 'hob')!.message, /^hob does not allow remote program selection/);
      assert.match(remoteSelectRefusal(profileOf('fridge'), 'fridge')!.message, /it has no programs/);
      assert.strictEqual(remoteSelectRefusal(profileOf('oven'), 'oven', 0x1601), undefined);
      const oven = profileOf('oven');
      oven.applyDescriptionChange({ uid: 0x1501, execution: 'STARTONLY' });
      assert.match(
        remoteSelectRefusal(oven, 'oven', 0x1501)!.message,
        /does not allow remote selection of Cooking\.Oven\.Program\.HeatingMode\.HotAir/,
      );
      const hob = new ApplianceConnection({ record: demo('hob') });
      await assert.rejects(hob.selectProgram('PowerMove'), /does not allow remote program selection/);
    });

    it('the connection refuses before anything else, even while disconnected', async () => {
      for (const [name, program] of [
        ['hob', 'PowerLevelMode'],
        ['fridge', 'Anything'],
        ['oven', 'Pyrolysis'],
      ] as const) {
        const conn = new ApplianceConnection({ record: demo(name) });
        await assert.rejects(
          conn.startProgram(program),
          (e: unknown) => e instanceof HomeConnectError && e.kind === 'validation' && /does not allow remote starts/.test(e.message),
        );
      }
      // A start the profile allows fails for the real reason: not connected.
      const oven = new ApplianceConnection({ record: demo('oven') });
      await assert.rejects(oven.startProgram('HotAir'), (e: unknown) => e instanceof HomeConnectError && e.kind === 'not-connected');
    });

    it('follows execution changes at runtime and leaves read-only ActiveProgram roots to the live access check', () => {
      const oven = profileOf('oven');
      oven.applyDescriptionChange({ uid: 0x1601, execution: 'SELECTANDSTART' });
      assert.strictEqual(remoteStartRefusal(oven, 'oven', 0x1601), undefined);
      // Real washers and coffee machines declare ActiveProgram read-only and open it at runtime.
      for (const pair of rawProfilePairs()) {
        const p = parseProfile(fs.readFileSync(pair.description, 'utf8'), fs.readFileSync(pair.featureMapping, 'utf8'));
        const startable = p.programs().filter((x) => x.execution !== 'none' && x.execution !== 'selectOnly');
        assert.strictEqual(remoteStartRefusal(p, pair.name), undefined, pair.name);
        if (startable[0]) assert.strictEqual(remoteStartRefusal(p, pair.name, startable[0].uid), undefined, pair.name);
        const blocked = p.programs().find((x) => x.execution === 'none');
        if (blocked) assert.match(remoteStartRefusal(p, pair.name, blocked.uid)!.message, /does not allow remote starts of/);
      }
    });
  });

  describe('simulated run plans', () => {
    const plan = (name: string, program: string, options: Array<{ uid: number; value: unknown }> = []) => {
      const state = new SimulatedState(profileOf(name));
      return planRun(state, state.profile.encodeProgram(program), options);
    };

    it('coffee brews in seconds, longer for bigger cups', () => {
      const espresso = plan('coffee', 'Espresso');
      const big = plan('coffee', 'Espresso', [{ uid: 0x1402, value: 60 }]);
      const latte = plan('coffee', 'LatteMacchiato');
      assert.ok(espresso.durationS >= 15 && espresso.durationS <= 60, String(espresso.durationS));
      assert.ok(big.durationS > espresso.durationS);
      assert.ok(latte.durationS > espresso.durationS && latte.durationS <= 120, String(latte.durationS));
    });

    it('hoods and ovens without a timer run until stopped; an oven timer or favourite default sets the duration', () => {
      assert.strictEqual(plan('hood', 'Cooking.Common.Program.Hood.Venting').durationS, Infinity);
      assert.strictEqual(plan('oven', 'Cooking.Oven.Program.HeatingMode.HotAir').durationS, Infinity);
      assert.strictEqual(plan('oven', 'Cooking.Oven.Program.HeatingMode.HotAir', [{ uid: 0x0224, value: 3600 }]).durationS, 3600);
      assert.strictEqual(plan('oven', 'Favorite.001').durationS, 5400);
    });

    it('a hood delayed shut-off vents for its DelayedShutOffTime setting', () => {
      assert.strictEqual(plan('hood', 'Cooking.Common.Program.Hood.DelayedShutOff').durationS, 600);
    });

    it('dryer: a plain startIn becomes FinishInRelative through the program duration (library delayed start)', () => {
      const p = profileOf('dryer');
      assert.deepStrictEqual(resolveDelayedStart(p, 'LaundryCare.Dryer.Program.Cotton', { startIn: 3600 }), {
        'BSH.Common.Option.FinishInRelative': 3600 + 8100,
      });
      assert.deepStrictEqual(resolveDelayedStart(p, 'LaundryCare.Dryer.Program.Super40', { finishIn: 7200 }), {
        'BSH.Common.Option.FinishInRelative': 7200,
      });
      assert.throws(() => resolveDelayedStart(profileOf('coffee'), 'Espresso', { startIn: 60 }), /has no delayed start/);
    });

    it('dryer programs take their estimated duration; FinishInRelative delays the start', () => {
      assert.strictEqual(plan('dryer', 'LaundryCare.Dryer.Program.Cotton').durationS, 8100);
      assert.strictEqual(plan('dryer', 'LaundryCare.Dryer.Program.Super40').durationS, 2400);
      const delayed = plan('dryer', 'LaundryCare.Dryer.Program.Cotton', [{ uid: 0x0227, value: 10800 }]);
      assert.strictEqual(delayed.delayS, 10800 - 8100);
    });
  });
});
