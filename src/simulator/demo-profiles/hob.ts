/**
 * Demo induction hob (AES). Per-zone statuses `Cooking.Hob.Status.Zone.<n>.*` for four zones,
 * power levels as an enumeration, and programs that are read-only: the hob reports what runs
 * (ActiveProgram access read, programs execution none) but cannot be started remotely, as real
 * hobs. Key and iv are obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';
import {
  commonEnumDescriptions,
  commonEnumerationTypes,
  commonErrors,
  commonStatuses,
  deviceDescriptionHead,
  featureDescription,
  featureMappingHead,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'Hob', brand: 'HCLOCAL', model: 'DEMO-EX1', version: 3, revision: 0 };

const ZONES = [100, 200, 300, 400] as const;
/** uid of a zone status: 31<zone index><field>, e.g. 3111 = Zone.100.PowerLevel. */
const zoneUid = (zone: number, field: number): string => `31${zone / 100}${field}`;
const ZONE_FIELDS: ReadonlyArray<readonly [number, string]> = [
  [1, 'PowerLevel'],
  [2, 'ResidualHeat'],
  [3, 'RemainingTime'],
  [4, 'PotDetected'],
];

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['0234', 'BSH.Common.Event.AlarmClockElapsed'],
  ['0235', 'BSH.Common.Setting.AlarmClock'],
  ...ZONES.flatMap((z) => ZONE_FIELDS.map(([n, name]) => [zoneUid(z, n), `Cooking.Hob.Status.Zone.${z}.${name}`] as const)),
  ['3201', 'Cooking.Hob.Event.PanNotDetected'],
  ['3202', 'Cooking.Hob.Event.FryingSensorTemperatureReached'],
  ['3401', 'Cooking.Hob.Option.PowerLevel'],
  ['3402', 'Cooking.Hob.Option.FryingSensorLevel'],
  ['3501', 'Cooking.Hob.Program.PowerLevelMode'],
  ['3502', 'Cooking.Hob.Program.FryingSensor'],
  ['3503', 'Cooking.Hob.Program.PowerMove'],
  ['3504', 'Cooking.Hob.Program.CookingSensor'],
];

function zoneStatuses(z: number): string {
  return `    <!--Cooking.Hob.Status.Zone.${z}.PowerLevel -->
    <status access="read" available="true" enumerationType="3001" initValue="0" refCID="03" refDID="80" uid="${zoneUid(z, 1)}"/>
    <!--Cooking.Hob.Status.Zone.${z}.ResidualHeat -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="${zoneUid(z, 2)}"/>
    <!--Cooking.Hob.Status.Zone.${z}.RemainingTime -->
    <status access="read" available="true" initValue="0" max="5940" min="0" refCID="10" refDID="82" stepSize="1" uid="${zoneUid(z, 3)}"/>
    <!--Cooking.Hob.Status.Zone.${z}.PotDetected -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="${zoneUid(z, 4)}"/>`;
}

function readOnlyProgram(name: string, uid: string, option: string): string {
  return `    <!--${name} -->
    <program available="true" execution="none" uid="${uid}">
      <option access="read" available="true" liveUpdate="true" refUID="${option}"/>
    </program>`;
}

export const hobDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -62, remoteControlStartAllowed: false, door: false })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
${ZONES.map(zoneStatuses).join('\n')}
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="read" available="true" enumerationType="0204" initValue="1" refCID="03" refDID="80" uid="021B"/>
    <!--BSH.Common.Setting.ChildLock -->
    <setting access="read" available="true" initValue="false" refCID="01" refDID="00" uid="020C"/>
    <!--BSH.Common.Setting.AlarmClock -->
    <setting access="readWrite" available="true" initValue="0" max="5940" min="0" refCID="10" refDID="82" stepSize="1" uid="0235"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.AlarmClockElapsed -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0234"/>
    <!--Cooking.Hob.Event.PanNotDetected -->
    <event enumerationType="0001" handling="none" level="warning" refCID="03" refDID="80" uid="3201"/>
    <!--Cooking.Hob.Event.FryingSensorTemperatureReached -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="3202"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
    <!--BSH.Common.Command.DeactivateWiFi -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0001"/>
    <!--BSH.Common.Command.AcknowledgeEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0006"/>
    <!--BSH.Common.Command.RejectEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0010"/>
  </commandList>
  <!--BSH.Common.Root.OptionList -->
  <optionList access="read" available="true" uid="0106">
    <!--Cooking.Hob.Option.PowerLevel -->
    <option access="read" available="true" enumerationType="3001" initValue="0" refCID="03" refDID="80" uid="3401"/>
    <!--Cooking.Hob.Option.FryingSensorLevel -->
    <option access="read" available="true" enumerationType="3002" initValue="0" refCID="03" refDID="80" uid="3402"/>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
${readOnlyProgram('Cooking.Hob.Program.PowerLevelMode', '3501', '3401')}
${readOnlyProgram('Cooking.Hob.Program.FryingSensor', '3502', '3402')}
${readOnlyProgram('Cooking.Hob.Program.PowerMove', '3503', '3401')}
${readOnlyProgram('Cooking.Hob.Program.CookingSensor', '3504', '3402')}
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="read" available="true" fullOptionSet="false" uid="0100"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="read" available="true" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
    <!--Cooking.Hob.EnumType.PowerLevel -->
    <enumerationType enid="3001">${Array.from({ length: 11 }, (_, i) => `<enumeration value="${i}"/>`).join('')}</enumerationType>
    <!--Cooking.Hob.EnumType.FryingSensorLevel -->
    <enumerationType enid="3002"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/></enumerationType>
  </enumerationTypeList>
</device>
`;

const powerLevels = ['Off', ...Array.from({ length: 9 }, (_, i) => `Level0${i + 1}`), 'PowerBoost'];

export const hobFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, hobDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="3001" enumKey="Cooking.Hob.EnumType.PowerLevel">
${powerLevels.map((n, i) => `      <enumMember refValue="${i}">${n}</enumMember>`).join('\n')}
    </enumDescription>
    <enumDescription refENID="3002" enumKey="Cooking.Hob.EnumType.FryingSensorLevel">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">VeryLow</enumMember>
      <enumMember refValue="2">Low</enumMember>
      <enumMember refValue="3">Medium</enumMember>
      <enumMember refValue="4">High</enumMember>
      <enumMember refValue="5">VeryHigh</enumMember>
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo hob as a stored record. Key = ASCII "HCLOCAL-DEMO-HOB-AES-KEY-0000004", iv = "HCLOCAL-DEMO-IV4". */
export const demoHob: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOEX1-000000000004',
  name: 'hob',
  brand: 'HCLOCAL',
  type: 'Hob',
  vib: 'DEMO-EX1',
  host: '127.0.0.1',
  connectionType: 'AES',
  key: Buffer.from('HCLOCAL-DEMO-HOB-AES-KEY-0000004', 'ascii').toString('base64url'),
  iv: Buffer.from('HCLOCAL-DEMO-IV4', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-04',
  serialNumber: 'DEMO00000000000004',
  deviceDescription: hobDeviceDescription,
  featureMapping: hobFeatureMapping,
};
