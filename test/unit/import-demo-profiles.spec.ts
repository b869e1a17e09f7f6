import * as assert from 'assert';
import { XMLValidator } from 'fast-xml-parser';
import { decodeKey, importProfileZip, normalizeRecord, readDescriptionInfo, writeProfileZip } from '../../src/profile/import';
import { demoDishwasher, demoRecords, demoWasher } from '../../src/simulator/demo-profiles';
import type { ApplianceRecord } from '../../src/profile/types';
import { profileFromRecord } from '../../src/profile';

const hexSet = (xml: string, re: RegExp) => new Set([...xml.matchAll(re)].map((m) => m[1]));

/** uid -> attribute string of the element declaring it. */
function declared(xml: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of xml.matchAll(/<(\w+)\s([^>]*?)\buid="([0-9A-F]+)"/g)) out.set(parseInt(m[3], 16), `${m[1]} ${m[2]}`);
  return out;
}

function names(fm: string): Map<number, string> {
  return new Map([...fm.matchAll(/<feature refUID="([0-9A-F]+)">([^<]+)<\/feature>/g)].map((m) => [parseInt(m[1], 16), m[2]]));
}

describe('demo appliance profiles', () => {
  it('exports the dishwasher and washer first with the agreed identities and transports', () => {
    assert.deepStrictEqual(
      demoRecords()
        .slice(0, 2)
        .map((r) => [r.haId, r.brand, r.type, r.vib, r.connectionType, r.iv !== undefined]),
      [
        ['HCLOCAL-DEMODW1-000000000001', 'HCLOCAL', 'Dishwasher', 'DEMO-DW1', 'TLS', false],
        ['HCLOCAL-DEMOWM1-000000000002', 'HCLOCAL', 'Washer', 'DEMO-WM1', 'AES', true],
      ],
    );
    assert.strictEqual(decodeKey(demoWasher.iv, 'iv').toString('ascii'), 'HCLOCAL-DEMO-IV2');
    const copy = demoRecords();
    copy[0].host = 'changed';
    assert.notStrictEqual(demoDishwasher.host, 'changed', 'demoRecords returns copies');
  });

  for (const record of [demoDishwasher, demoWasher]) {
    describe(record.type, () => {
      const dd = record.deviceDescription!;
      const fm = record.featureMapping!;

      it('has well-formed XML with the real root elements and namespaces', () => {
        assert.strictEqual(XMLValidator.validate(dd), true);
        assert.strictEqual(XMLValidator.validate(fm), true);
        assert.match(dd, /<device xmlns="http:\/\/www\.home-connect\.com\/schemas\/DeviceDescription\/20140417"/);
        assert.match(fm, /<featureMappingFile xmlns="http:\/\/www\.home-connect\.com\/schemas\/FeatureMapping\/20140417"/);
        assert.strictEqual((dd.match(/<xi:include /g) ?? []).length, 3);
        assert.deepStrictEqual(readDescriptionInfo(dd), { type: record.type, brand: record.brand, vib: record.vib });
      });

      it('names every uid it declares or references, and declares every enum it uses', () => {
        const uids = declared(dd);
        const named = names(fm);
        assert.deepStrictEqual(
          [...uids.keys()].filter((u) => !named.has(u)),
          [],
        );
        assert.deepStrictEqual(
          [...named.keys()].filter((u) => !uids.has(u)),
          [],
        );
        assert.deepStrictEqual(
          [...hexSet(dd, /refUID="([0-9A-F]+)"/g)].filter((u) => !uids.has(parseInt(u, 16))),
          [],
        );
        const used = hexSet(dd, /enumerationType="([0-9A-F]+)"/g);
        const inDd = hexSet(dd, /enid="([0-9A-F]+)"/g);
        const inFm = hexSet(fm, /refENID="([0-9A-F]+)"/g);
        assert.deepStrictEqual(
          [...used].filter((e) => !inDd.has(e) || !inFm.has(e)),
          [],
        );
        assert.ok(uids.size >= 40 && uids.size <= 80, `${uids.size} features`);
        assert.ok((fm.match(/<error refEID=/g) ?? []).length >= 20, 'has an error table');
      });

      it('uses the common uids of protocol.md §4.3', () => {
        const named = names(fm);
        const common: Array<[number, string]> = [
          [1, 'BSH.Common.Command.DeactivateWiFi'],
          [6, 'BSH.Common.Command.AcknowledgeEvent'],
          [256, 'BSH.Common.Root.ActiveProgram'],
          [257, 'BSH.Common.Root.SelectedProgram'],
          [263, 'BSH.Common.Root.ProgramGroup'],
          [512, 'BSH.Common.Command.AbortProgram'],
          [517, 'BSH.Common.Status.RemoteControlStartAllowed'],
          [523, 'BSH.Common.Status.RemoteControlActive'],
          [525, 'BSH.Common.Event.AquaStopOccured'],
          [527, 'BSH.Common.Status.DoorState'],
          [539, 'BSH.Common.Setting.PowerState'],
          [540, 'BSH.Common.Event.ProgramFinished'],
          [542, 'BSH.Common.Option.ProgramProgress'],
          [543, 'BSH.Common.Event.LowWaterPressure'],
          [544, 'BSH.Common.Option.RemainingProgramTime'],
          [545, 'BSH.Common.Event.ProgramAborted'],
          [549, 'BSH.Common.Option.RemainingProgramTimeIsEstimated'],
          [552, 'BSH.Common.Status.OperationState'],
        ];
        for (const [uid, key] of common) assert.strictEqual(named.get(uid), key, `uid ${uid}`);
        for (let uid = 258; uid <= 263; uid++) assert.ok(named.get(uid)?.startsWith('BSH.Common.Root.'), `root ${uid}`);
        assert.match(dd, /<selectedProgram access="readWrite"[^>]*fullOptionSet="false"/);
        assert.match(dd, /<enumerationType enid="0203">(<enumeration value="\d"\/>){9}<\/enumerationType>/);
      });

      it('parses with the profile model without warnings', () => {
        const profile = profileFromRecord(record);
        assert.deepStrictEqual(profile.warnings, []);
        assert.strictEqual(profile.find('BSH.Common.Status.OperationState')?.enumeration?.members['8'], 'Aborting');
        assert.strictEqual(profile.errorName(531), 'BSH.Common.Error.ValueOutOfRange');
      });

      it('passes import validation and round-trips through writeProfileZip / importProfileZip', () => {
        assert.deepStrictEqual(normalizeRecord(record, 'demo'), record);
        const out = writeProfileZip(record, new Date('2025-06-01T12:00:00Z'));
        assert.match(out.fileName, new RegExp(`^homeconnect-local-${record.type.toLowerCase()}-HCLOCAL-${record.vib}-00005E0053`));
        const back: ApplianceRecord[] = importProfileZip(out.data, out.fileName);
        assert.deepStrictEqual(back, [record]);
      });
    });
  }

  it('gives the dishwasher Eco50 (8196) and StartInRelative (558, 0..86400 step 60)', () => {
    const dd = demoDishwasher.deviceDescription!;
    assert.strictEqual(names(demoDishwasher.featureMapping!).get(8196), 'Dishcare.Dishwasher.Program.Eco50');
    assert.match(declared(dd).get(558)!, /max="86400" min="0".*stepSize="60"/);
  });

  it('gives the washer per-program overrides, favourites and an armed FinishInRelative', () => {
    const dd = demoWasher.deviceDescription!;
    const fm = demoWasher.featureMapping!;
    const program = (name: string) => {
      const uid = [...names(fm)]
        .find(([, n]) => n === name)![0]
        .toString(16)
        .toUpperCase()
        .padStart(4, '0');
      return new RegExp(`<program available="\\w+" uid="${uid}">([\\s\\S]*?)</program>`).exec(dd)![1];
    };
    const maxOf = (body: string, ref: string) => /max="(\d+)"/.exec(body.split('\n').find((l) => l.includes(`refUID="${ref}"`)) ?? '')?.[1];
    assert.strictEqual(maxOf(program('LaundryCare.Washer.Program.Cotton'), '6001'), '8');
    assert.strictEqual(maxOf(program('LaundryCare.Washer.Program.DelicatesSilk'), '6001'), '2');
    assert.strictEqual(maxOf(program('LaundryCare.Washer.Program.Cotton'), '6002'), '140');
    assert.strictEqual(maxOf(program('LaundryCare.Washer.Program.Wool'), '6002'), '80');
    assert.match(program('LaundryCare.Washer.Program.Quick15'), /access="readWrite"[^>]*refUID="0227"/);
    assert.match(declared(dd).get(551)!, /access="none"/);
    assert.match(dd, /<programGroup available="true" uid="1710">\s*<!--LaundryCare\.Common\.Program\.Memory1 -->/);
  });
});
