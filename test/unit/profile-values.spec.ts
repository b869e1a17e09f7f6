import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { HomeConnectError } from '../../src/errors';
import { parseProfile, type ApplianceProfile } from '../../src/profile';
import { rawProfilePairs } from '../support/paths';

function load(prefix: string): ApplianceProfile {
  const pair = rawProfilePairs().find((x) => x.name.startsWith(prefix))!;
  return parseProfile(fs.readFileSync(pair.description, 'utf8'), fs.readFileSync(pair.featureMapping, 'utf8'));
}

/** Asserts a validation refusal whose message names key, value and the accepted values. */
function refused(fn: () => unknown, parts: string[]): HomeConnectError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof HomeConnectError, 'expected a HomeConnectError, got ' + String(err));
  assert.equal(err.kind, 'validation');
  for (const p of parts) assert.ok(err.message.includes(p), `message "${err.message}" lacks "${p}"`);
  assert.ok(err.message.includes('accepted:'), err.message);
  return err;
}

// A small synthetic pair: prefixed namespace, comments, enumerationTypeList BEFORE the lists,
// a uidValue status, a string setting, an object status, a float option with step.
const DD = `<?xml version="1.0"?>
<dd:device xmlns:dd="http://www.home-connect.com/schemas/DeviceDescription/20140417" xmlns:xi="http://www.w3.org/2001/XInclude">
  <dd:enumerationTypeList>
    <dd:enumerationType enid="0204"><dd:enumeration value="1"/><dd:enumeration value="2"/></dd:enumerationType>
    <dd:enumerationType enid="0A01" subsetOf="0204"/>
  </dd:enumerationTypeList>
  <xi:include href="HC_INT_BSH_CTD.xml"><xi:fallback><error>x</error></xi:fallback></xi:include>
  <!-- BSH.Common.Root.SettingList -->
  <dd:settingList uid="0103" access="readWrite">
    <dd:setting uid="021B" access="readWrite" available="true" refCID="03" refDID="80" enumerationType="0204"/>
    <dd:setting uid="1100" access="readWrite" refCID="05" refDID="8B" min="1" max="5"/>
    <dd:setting uid="1101" access="read" refCID="01" refDID="00"/>
    <dd:setting uid="1102" access="readWrite" refCID="07" refDID="A1" min="30" max="90" stepSize="5" xyz="kept"/>
    <dd:setting uid="1103" access="readWrite" refCID="03" refDID="80" enumerationType="0301"/>
  </dd:settingList>
  <dd:description><dd:model>TEST1</dd:model><dd:brand>ACME</dd:brand><dd:type>Dishwasher</dd:type></dd:description>
  <dd:statusList uid="0102">
    <dd:status uid="020F" access="read" refCID="03" refDID="80" enumerationType="0201"/>
    <dd:status uid="1000" access="read" refCID="15" refDID="81"/>
    <dd:status uid="1001" access="read" refCID="A8" refDID="408D"/>
    <dd:status uid="1002" access="readWrite" refCID="02" refDID="81"/>
    <dd:status uid="0005" access="read" refCID="01" refDID="00"/>
    <dd:status uid="ZZZZ" access="read"/>
    <dd:status access="read" refCID="01"/>
    <dd:status uid="1003" access="sideways" min="abc" refCID="02"/>
  </dd:statusList>
  <dd:eventList uid="0104"><dd:event uid="021C" refCID="03" refDID="80" enumerationType="0001" handling="none" level="hint"/></dd:eventList>
  <dd:commandList uid="0105">
    <dd:command uid="0200" access="none" refCID="01" refDID="00"/>
    <dd:command uid="0006" access="writeOnly" refCID="15" refDID="81"/>
  </dd:commandList>
  <dd:optionList uid="0106">
    <dd:option uid="022E" access="read" refCID="10" refDID="82" min="0" max="86400"/>
    <dd:option uid="1404" access="readWrite" refCID="01" refDID="00"/>
    <dd:option uid="1500" access="readWrite" refCID="11" refDID="A0" min="0" max="100" stepSize="0.5"/>
  </dd:optionList>
  <dd:programGroup uid="0107">
    <dd:program uid="2004" available="true" execution="SELECTANDSTART">
      <dd:option refUID="022E" access="readWrite" available="true" max="3600" stepSize="60"/>
      <dd:option refUID="1500" access="readWrite" available="true" min="10" max="20"/>
    </dd:program>
    <dd:programGroup uid="1700"><dd:program uid="2005" available="true"/></dd:programGroup>
  </dd:programGroup>
  <dd:selectedProgram uid="0101" access="readWrite"/>
  <dd:activeProgram uid="0100" access="read"/>
</dd:device>`;

const FM = `<featureMappingFile xmlns="http://www.home-connect.com/schemas/FeatureMapping/20140417">
  <enumDescriptionList>
    <enumDescription refENID="0204" enumKey="BSH.Common.EnumType.PowerState">
      <enumMember refValue="0">MainsOff</enumMember><enumMember refValue="1">Off</enumMember>
      <enumMember refValue="2">On</enumMember><enumMember refValue="3">Standby</enumMember>
    </enumDescription>
    <enumDescription refENID="0201" enumKey="BSH.Common.EnumType.DoorState">
      <enumMember refValue="0">Open</enumMember><enumMember refValue="1">Closed</enumMember>
    </enumDescription>
    <enumDescription refENID="0001" enumKey="BSH.Common.EnumType.EventPresentState">
      <enumMember refValue="0">Off</enumMember><enumMember refValue="1">Present</enumMember><enumMember refValue="2">Confirmed</enumMember>
    </enumDescription>
    <enumDescription refENID="0302" enumKey="Test.EnumType.Level">
      <enumMember refValue="10">Low</enumMember><enumMember refValue="11">High</enumMember>
    </enumDescription>
  </enumDescriptionList>
  <errorDescription><error refEID="0203">BSH.Common.Error.Busy.Custom</error></errorDescription>
  <featureDescription>
    <feature refUID="021B">BSH.Common.Setting.PowerState</feature>
    <feature refUID="1100">Test.Setting.Name</feature>
    <feature refUID="1101">Test.Setting.ReadOnly</feature>
    <feature refUID="1102">Test.Setting.Temperature</feature>
    <feature refUID="1103">Test.Setting.UnknownEnum</feature>
    <feature refUID="020F">BSH.Common.Status.DoorState</feature>
    <feature refUID="1000">Test.Status.LastProgram</feature>
    <feature refUID="1001">Test.Status.Favorites</feature>
    <feature refUID="1002">Test.Status.Counter</feature>
    <feature refUID="0005">BSH.Common.Status.BackendConnected</feature>
    <feature refUID="1003">Test.Status.Broken</feature>
    <feature refUID="021C">BSH.Common.Event.ProgramFinished</feature>
    <feature refUID="0200">BSH.Common.Command.AbortProgram</feature>
    <feature refUID="0006">BSH.Common.Command.AcknowledgeEvent</feature>
    <feature refUID="022E">BSH.Common.Option.StartInRelative</feature>
    <feature refUID="1404">Dishcare.Dishwasher.Option.HalfLoad</feature>
    <feature refUID="1500">Test.Option.Level</feature>
    <feature refUID="2004">Dishcare.Dishwasher.Program.Eco50</feature>
    <feature refUID="2005">Other.Domain.Program.Eco50</feature>
    <feature refUID="1700">Test.ProgramGroup.Favorites</feature>
    <feature refUID="0100">BSH.Common.Root.ActiveProgram</feature>
    <feature refUID="0101">BSH.Common.Root.SelectedProgram</feature>
    <feature refUID="0102">BSH.Common.Root.StatusList</feature>
    <feature refUID="0103">BSH.Common.Root.SettingList</feature>
    <feature refUID="0107">BSH.Common.Root.ProgramGroup</feature>
  </featureDescription>
</featureMappingFile>`;

describe('profile: parsing rules on a synthetic pair', () => {
  const p = parseProfile(DD, FM);

  it('is namespace-agnostic and order-independent', () => {
    assert.deepEqual(p.description, { type: 'Dishwasher', brand: 'ACME', model: 'TEST1' });
    assert.equal(p.byUid(539)!.key, 'BSH.Common.Setting.PowerState');
    assert.deepEqual(p.byUid(539)!.enumeration!.members, { '1': 'Off', '2': 'On' });
    assert.equal(p.byUid(0x1102)!.attributes.xyz, 'kept');
    assert.equal(p.byUid(0x1102)!.unit, '°C');
    assert.equal(p.byUid(0x2004)!.execution, 'selectAndStart');
    assert.equal(p.roots.activeProgram!.uid, 256);
    assert.deepEqual(p.programGroups(), [
      { uid: 263, key: 'BSH.Common.Root.ProgramGroup', programs: [0x2004] },
      { uid: 0x1700, key: 'Test.ProgramGroup.Favorites', parentUid: 263, programs: [0x2005] },
    ]);
  });

  it('turns broken elements into warnings and keeps the rest', () => {
    const msgs = p.warnings.map((w) => w.message).join('\n');
    assert.match(msgs, /not hex \("ZZZZ"\)/);
    assert.match(msgs, /<status> without uid/);
    assert.match(msgs, /access="sideways"/);
    assert.match(msgs, /min="abc"/);
    assert.match(msgs, /enumeration 0301 is not defined/);
    const broken = p.byUid(0x1003)!;
    assert.equal(broken.access, undefined);
    assert.equal(broken.min, undefined);
    assert.equal(p.byUid(0x1103)!.enumeration, undefined);
    assert.equal(p.statuses().length, 6); // 5 good + the one with bad attributes
  });

  it('subset with no own members takes its parent members; FeatureMapping-only enums resolve on demand', () => {
    assert.deepEqual(p.enumerations.get(0x0a01)!.members, { '1': 'Off', '2': 'On' });
    assert.equal(p.enumerations.get(0x0a01)!.key, 'BSH.Common.EnumType.PowerState');
    // DoorState (0201) is only in FeatureMapping: full FeatureMapping enum.
    assert.deepEqual(p.byUid(527)!.enumeration!.members, { '0': 'Open', '1': 'Closed' });
    assert.ok(p.enumerations.has(0x0201));
  });

  it('errorName prefers the appliance table, then the generic table', () => {
    assert.equal(p.errorName(515), 'BSH.Common.Error.Busy.Custom');
    assert.equal(p.errorName(516), 'BSH.Common.Error.WriteRequest.Busy');
    assert.equal(p.errorName(412), 'BSH.Common.Error.414.RequestUriTooLong');
    assert.equal(p.errorName(999), undefined);
  });

  it('find/resolve: full key, short key, uid, decimal string; ambiguity and unknown refs', () => {
    assert.equal(p.find('BSH.Common.Status.DoorState')!.uid, 527);
    assert.equal(p.find('DoorState')!.uid, 527);
    assert.equal(p.find(527)!.key, 'BSH.Common.Status.DoorState');
    assert.equal(p.find('527')!.key, 'BSH.Common.Status.DoorState');
    assert.equal(p.find('Nope'), undefined);
    assert.equal(p.find('Eco50'), undefined); // two programs share the short key
    const amb = refusedResolve(() => p.resolve('Eco50'));
    assert.match(amb.message, /Dishcare\.Dishwasher\.Program\.Eco50/);
    assert.match(amb.message, /Other\.Domain\.Program\.Eco50/);
    const unknown = refusedResolve(() => p.resolve('Nope'));
    assert.match(unknown.message, /"Nope"/);
    assert.equal(p.encodeProgram('Dishcare.Dishwasher.Program.Eco50'), 0x2004);
    assert.equal(p.encodeProgram(0x2005), 0x2005);
    assert.throws(() => p.encodeProgram('Eco50'), /ambiguous/);
    refused(() => p.encodeProgram('DoorState'), ['BSH.Common.Status.DoorState', 'not a program', 'Dishcare.Dishwasher.Program.Eco50']);
    refused(() => p.encodeProgram('NoSuchProgram'), ['"NoSuchProgram"', 'not a program']);
  });
});

function refusedResolve(fn: () => unknown): HomeConnectError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HomeConnectError);
    assert.equal(e.kind, 'validation');
    return e;
  }
  assert.fail('expected a throw');
}

describe('profile: decode', () => {
  const p = parseProfile(DD, FM);

  it('enums: member names, unknown members keep the number, decimal strings', () => {
    assert.deepEqual(p.decode(527, 1), { uid: 527, key: 'BSH.Common.Status.DoorState', kind: 'status', value: 'Closed', raw: 1 });
    assert.equal(p.decode(527, 7)!.value, 7);
    assert.equal(p.decode(527, '0')!.value, 'Open');
    assert.equal(p.decode(0x021c, 1)!.value, 'Present');
  });

  it('booleans including 0/1 and text', () => {
    assert.equal(p.decode(5, true)!.value, true);
    assert.equal(p.decode(5, 0)!.value, false);
    assert.equal(p.decode(5, 1)!.value, true);
    assert.equal(p.decode(5, 'false')!.value, false);
    assert.equal(p.decode(5, 'TRUE')!.value, true);
    assert.equal(p.decode(5, 'maybe')!.value, 'maybe');
  });

  it('numbers with unit, strings, objects from JSON text', () => {
    assert.deepEqual(p.decode(0x1102, 55), {
      uid: 0x1102,
      key: 'Test.Setting.Temperature',
      kind: 'setting',
      value: 55,
      raw: 55,
      unit: '°C',
    });
    assert.equal(p.decode(0x1102, '42.5')!.value, 42.5);
    assert.equal(p.decode(558, 600)!.unit, 's');
    assert.equal(p.decode(0x1100, 'abc')!.value, 'abc');
    assert.deepEqual(p.decode(0x1001, '{"length":0,"list":[]}')!.value, { length: 0, list: [] });
    assert.deepEqual(p.decode(0x1001, '{"list":[1]"}')!.value, { list: [1] }); // stray quote workaround
    assert.equal(p.decode(0x1001, '{broken')!.value, '{broken');
    assert.deepEqual(p.decode(0x1001, { a: 1 })!.value, { a: 1 });
  });

  it('program roots and uidValue: program key, 0 -> null, unknown uid stays a number', () => {
    assert.equal(p.decode(256, 0x2004)!.value, 'Dishcare.Dishwasher.Program.Eco50');
    assert.equal(p.decode(257, 0)!.value, null);
    assert.equal(p.decode(257, 4242)!.value, 4242);
    assert.equal(p.decode(0x1000, 0x2005)!.value, 'Other.Domain.Program.Eco50');
  });

  it('unknown uid -> undefined', () => {
    assert.equal(p.decode(9999, 1), undefined);
  });
});

describe('profile: encodeValue / encodeOption validation', () => {
  it('enum by name (case-insensitive) or integer; refusals list accepted names', () => {
    const p = parseProfile(DD, FM);
    assert.deepEqual(p.encodeValue('BSH.Common.Setting.PowerState', 'On'), { uid: 539, value: 2 });
    assert.deepEqual(p.encodeValue('PowerState', 'off'), { uid: 539, value: 1 });
    assert.deepEqual(p.encodeValue(539, 2), { uid: 539, value: 2 });
    assert.deepEqual(p.encodeValue('539', '1'), { uid: 539, value: 1 });
    const e = refused(() => p.encodeValue('PowerState', 'Of'), ['BSH.Common.Setting.PowerState: "Of" is not allowed', 'Off, On']);
    assert.deepEqual(e.details, { key: 'BSH.Common.Setting.PowerState', value: 'Of', accepted: ['Off', 'On'] });
    refused(() => p.encodeValue('PowerState', 3), ['PowerState', '3 is not allowed', 'Off, On']); // Standby exists in FM, not on this appliance
    refused(() => p.encodeValue('PowerState', 1.5), ['1.5']);
    refused(() => p.encodeValue('PowerState', true), ['true']);
  });

  it('booleans, numbers (range, step, integer), strings (length), objects', () => {
    const p = parseProfile(DD, FM);
    assert.deepEqual(p.encodeValue('HalfLoad', 'true'), { uid: 0x1404, value: true });
    assert.deepEqual(p.encodeValue('HalfLoad', 0), { uid: 0x1404, value: false });
    refused(() => p.encodeValue('HalfLoad', 'yes'), ['Dishcare.Dishwasher.Option.HalfLoad', '"yes"', 'true, false']);
    assert.deepEqual(p.encodeValue('Test.Setting.Temperature', 35), { uid: 0x1102, value: 35 });
    assert.deepEqual(p.encodeValue('Test.Setting.Temperature', '40'), { uid: 0x1102, value: 40 });
    refused(() => p.encodeValue('Test.Setting.Temperature', 36), ['Test.Setting.Temperature', '36', 'step', '30..90 in steps of 5']);
    refused(() => p.encodeValue('Test.Setting.Temperature', 95), ['95', 'above the maximum', '30..90']);
    refused(() => p.encodeValue('Test.Setting.Temperature', 25), ['25', 'below the minimum']);
    refused(() => p.encodeValue('Test.Setting.Temperature', 'hot'), ['"hot"', 'not a number']);
    refused(() => p.encodeValue('Test.Status.Counter', 1.5), ['Test.Status.Counter', '1.5', 'whole number']);
    assert.deepEqual(p.encodeValue('Test.Status.Counter', 3), { uid: 0x1002, value: 3 }); // status with readWrite
    assert.deepEqual(p.encodeValue('Test.Option.Level', 12.5), { uid: 0x1500, value: 12.5 });
    refused(() => p.encodeValue('Test.Option.Level', 12.25), ['12.25', 'in steps of 0.5']);
    assert.deepEqual(p.encodeValue('Test.Setting.Name', 'abc'), { uid: 0x1100, value: 'abc' });
    refused(() => p.encodeValue('Test.Setting.Name', 'abcdef'), ['"abcdef"', 'too long', '1..5 characters']);
    refused(() => p.encodeValue('Test.Setting.Name', ''), ['too short']);
    refused(() => p.encodeValue('Test.Setting.Name', 5), ['5 is not text']);
    refused(() => p.encodeValue('Test.Setting.Name', undefined), ['undefined']);
    // uidValue command takes the event uid, or its key.
    assert.deepEqual(p.encodeValue('AcknowledgeEvent', 0x021c), { uid: 6, value: 0x021c });
    assert.deepEqual(p.encodeValue('AcknowledgeEvent', 'BSH.Common.Event.ProgramFinished'), { uid: 6, value: 0x021c });
    refused(() => p.encodeValue('AcknowledgeEvent', 'Nope'), ['"Nope"', 'not a uid']);
  });

  it('refuses by kind and access, naming the feature and value', () => {
    const p = parseProfile(DD, FM);
    refused(() => p.encodeValue('DoorState', 'Open'), ['BSH.Common.Status.DoorState', '"Open"', 'access is read']);
    refused(() => p.encodeValue('Test.Setting.ReadOnly', true), ['Test.Setting.ReadOnly', 'true', 'access is read']);
    refused(() => p.encodeValue('AbortProgram', true), ['BSH.Common.Command.AbortProgram', 'true', 'access is none']);
    refused(() => p.encodeValue('ProgramFinished', 1), ['BSH.Common.Event.ProgramFinished', 'is an event']);
    refused(() => p.encodeValue('Dishcare.Dishwasher.Program.Eco50', 1), ['is a program']);
    refused(() => p.encodeValue('BSH.Common.Root.SelectedProgram', 1), ['is a root']);
    const unknown = refused(() => p.encodeValue('Nope', 1), ['"Nope"', 'not in this appliance']);
    assert.equal((unknown.details as { key: string }).key, 'Nope');
    refused(() => p.encodeValue('StartInRelative', 60), ['BSH.Common.Option.StartInRelative', 'access is read']);
  });

  it('encodeOption applies per-program overrides (access, min, max, stepSize)', () => {
    const p = parseProfile(DD, FM);
    const eco = 'Dishcare.Dishwasher.Program.Eco50';
    assert.deepEqual(p.encodeOption(eco, 'StartInRelative', 1200), { uid: 558, value: 1200 });
    refused(() => p.encodeOption(eco, 'StartInRelative', 7200), ['StartInRelative', '7200', 'above the maximum', '0..3600 in steps of 60']);
    refused(() => p.encodeOption(eco, 'StartInRelative', 90), ['in steps of 60']);
    refused(() => p.encodeOption(eco, 'Test.Option.Level', 5), ['below the minimum', '10..20']);
    refused(
      () => p.encodeOption(eco, 'HalfLoad', true),
      ['Dishcare.Dishwasher.Option.HalfLoad', 'not one of its options', 'BSH.Common.Option.StartInRelative'],
    );
    // Program without an option list and undefined program: the option's own description.
    refused(() => p.encodeOption(undefined, 'StartInRelative', 60), ['access is read']);
    assert.deepEqual(p.encodeOption(undefined, 'Test.Option.Level', 5), { uid: 0x1500, value: 5 });
    assert.deepEqual(p.encodeOption('Other.Domain.Program.Eco50', 'HalfLoad', true), { uid: 0x1404, value: true });
  });
});

describe('profile: applyDescriptionChange', () => {
  it('upper-case access from the appliance makes a none command writable and back', () => {
    const p = parseProfile(DD, FM);
    refused(() => p.encodeValue('AbortProgram', true), ['access is none']);
    p.applyDescriptionChange({ uid: 512, parentUID: 261, access: 'READWRITE' });
    assert.equal(p.byUid(512)!.access, 'readWrite');
    assert.deepEqual(p.encodeValue('AbortProgram', true), { uid: 512, value: true });
    p.applyDescriptionChange({ uid: 512, access: 'NONE' });
    refused(() => p.encodeValue('AbortProgram', true), ['access is none']);
    p.applyDescriptionChange({ uid: 539, available: false });
    refused(() => p.encodeValue('PowerState', 'On'), ['not available']);
  });

  it('min/max/stepSize/default/execution updates change what validation accepts', () => {
    const p = parseProfile(DD, FM);
    p.applyDescriptionChange({ uid: 0x1102, min: 40, max: 60, stepSize: 10, default: 50 });
    refused(() => p.encodeValue('Test.Setting.Temperature', 35), ['below the minimum', '40..60 in steps of 10']);
    assert.deepEqual(p.encodeValue('Test.Setting.Temperature', 50), { uid: 0x1102, value: 50 });
    assert.equal(p.byUid(0x1102)!.default, '50');
    p.applyDescriptionChange({ uid: 0x2004, available: false, execution: 'STARTONLY' });
    assert.equal(p.byUid(0x2004)!.execution, 'startOnly');
    assert.equal(p.byUid(0x2004)!.available, false);
  });

  it('enumType swaps the enumeration (decoder and validation)', () => {
    const p = parseProfile(DD, FM);
    assert.equal(p.decode(0x1103, 10)!.value, 10);
    refused(() => p.encodeValue('Test.Setting.UnknownEnum', 'High'), ['"High"']);
    p.applyDescriptionChange({ uid: 0x1103, enumType: 0x0302 });
    assert.equal(p.decode(0x1103, 10)!.value, 'Low');
    assert.deepEqual(p.encodeValue('Test.Setting.UnknownEnum', 'high'), { uid: 0x1103, value: 11 });
    refused(() => p.encodeValue('Test.Setting.UnknownEnum', 12), ['12 is not allowed', 'Low, High']);
    p.applyDescriptionChange({ uid: 0x1103, enumType: 0x7777 }); // unknown id: keep current
    assert.equal(p.decode(0x1103, 11)!.value, 'High');
  });

  it('per-program option changes when parentUID is a program; the program view beats a list-level change', () => {
    const p = parseProfile(DD, FM);
    const eco = 'Dishcare.Dishwasher.Program.Eco50';
    p.applyDescriptionChange({ uid: 558, parentUID: 0x2004, access: 'READ' });
    refused(() => p.encodeOption(eco, 'StartInRelative', 60), ['access is read']);
    p.applyDescriptionChange({ uid: 558, parentUID: 0x2004, access: 'READWRITE', max: 120 });
    assert.deepEqual(p.encodeOption(eco, 'StartInRelative', 120), { uid: 558, value: 120 });
    refused(() => p.encodeOption(eco, 'StartInRelative', 180), ['above the maximum']);
    // A list-level change describes whatever program is selected now: it governs writes
    // without a program, but not this program's own view.
    p.applyDescriptionChange({ uid: 558, parentUID: 262, access: 'NONE' });
    assert.equal(p.byUid(558)!.access, 'none');
    refused(() => p.encodeValue('StartInRelative', 60), ['access is none']);
    assert.deepEqual(p.encodeOption(eco, 'StartInRelative', 60), { uid: 558, value: 60 });
  });

  it('ignores unknown uids and malformed items without throwing', () => {
    const p = parseProfile(DD, FM);
    const before = JSON.stringify(p.allFeatures());
    p.applyDescriptionChange({ uid: 4242, access: 'READWRITE' });
    for (const bad of [null, undefined, 5, 'x', {}, { uid: 'abc' }, { uid: 539, access: 42, min: 'x', enumType: 'q' }] as unknown[]) {
      p.applyDescriptionChange(bad as never);
    }
    assert.equal(JSON.stringify(p.allFeatures()), before);
  });

  it('real washer: enumType swap to a subset (0x8001) restricts Temperature; per-program access opens the option', () => {
    const p = load('SIEMENS-WM16XE91');
    const cotton = 'LaundryCare.Washer.Program.Cotton';
    refused(() => p.encodeValue('LaundryCare.Washer.Option.Temperature', 'GC40'), ['access is none']);
    assert.deepEqual(p.encodeOption(cotton, 'LaundryCare.Washer.Option.Temperature', 'GC40'), { uid: 0x6001, value: 3 });
    p.applyDescriptionChange({ uid: 0x6001, parentUID: 0x161d, access: 'READWRITE', enumType: 0x8001 });
    assert.deepEqual(p.encodeValue('LaundryCare.Washer.Option.Temperature', 'UlWarm'), { uid: 0x6001, value: 13 });
    refused(
      () => p.encodeValue('LaundryCare.Washer.Option.Temperature', 'GC40'),
      ['"GC40" is not allowed', 'UlCold, UlWarm, UlHot, UlExtraHot, Auto'],
    );
  });
});

describe('profile: file errors', () => {
  const kindOf = (fn: () => unknown): HomeConnectError => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof HomeConnectError);
      assert.equal(e.kind, 'profile');
      return e;
    }
    assert.fail('expected a throw');
  };
  it('names the wrong file', () => {
    assert.match(kindOf(() => parseProfile(FM, FM)).message, /DeviceDescription\.xml.*<featureMappingFile>.*swapped/);
    assert.match(kindOf(() => parseProfile(DD, DD)).message, /FeatureMapping\.xml.*<device>.*swapped/);
    assert.match(kindOf(() => parseProfile('<html/>', FM)).message, /DeviceDescription\.xml has root element <html>/);
    assert.match(kindOf(() => parseProfile('not xml at all', FM)).message, /DeviceDescription\.xml/);
    assert.match(kindOf(() => parseProfile(DD, '')).message, /FeatureMapping\.xml is empty/);
    assert.match(kindOf(() => parseProfile(DD, '<a <<')).message, /FeatureMapping\.xml/);
    assert.match(kindOf(() => parseProfile(undefined as unknown as string, FM)).message, /DeviceDescription\.xml/);
  });
  it('summary is a small JSON object', () => {
    const s = parseProfile(DD, FM).summary() as { counts: Record<string, number>; warnings: number };
    assert.equal(s.counts.statuses, 6);
    assert.equal(s.counts.programs, 2);
    assert.ok(s.warnings >= 5);
    assert.doesNotThrow(() => JSON.stringify(s));
  });
});
