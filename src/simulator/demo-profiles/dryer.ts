/**
 * Demo condenser dryer (AES). Drying target and wrinkle guard as enumerated program options,
 * a remaining-time countdown, and delayed start through FinishInRelative: access none in the
 * option list, readWrite inside each program (protocol facts about washers and dryers).
 * Each program's EstimatedTotalProgramTime default gives its realistic duration. Key and iv are
 * obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';
import {
  commonCommands,
  commonEnumDescriptions,
  commonEnumerationTypes,
  commonErrors,
  commonSettings,
  commonStatuses,
  deviceDescriptionHead,
  factoryResetCommand,
  featureDescription,
  featureMappingHead,
  laundryRemoteStartAndActiveStatus,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'Dryer', brand: 'HCLOCAL', model: 'DEMO-WT1', version: 3, revision: 2 };

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0213', 'BSH.Common.Option.EstimatedTotalProgramTime'],
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['0227', 'BSH.Common.Option.FinishInRelative'],
  ['151A', 'LaundryCare.Common.CommandList.RemoteStart'],
  ['161A', 'LaundryCare.Common.OptionList.SelectedStatus'],
  ['161B', 'LaundryCare.Common.OptionList.ActiveStatus'],
  ['161C', 'LaundryCare.Common.OptionList.RemoteStart'],
  ['161D', 'LaundryCare.Common.OptionList.Options'],
  ['4101', 'LaundryCare.Dryer.Event.EmptyCondensationContainer'],
  ['4102', 'LaundryCare.Dryer.Event.CleanFilter'],
  ['5001', 'LaundryCare.Dryer.Option.DryingTarget'],
  ['5002', 'LaundryCare.Dryer.Option.WrinkleGuard'],
  ['5003', 'LaundryCare.Dryer.Option.Gentle'],
  ['8001', 'LaundryCare.Dryer.Program.Cotton'],
  ['8002', 'LaundryCare.Dryer.Program.Synthetic'],
  ['8003', 'LaundryCare.Dryer.Program.Mix'],
  ['8004', 'LaundryCare.Dryer.Program.Blankets'],
  ['8005', 'LaundryCare.Dryer.Program.Super40'],
  ['8006', 'LaundryCare.Dryer.Program.TimeWarm'],
];

/** A drying program: its duration, drying target range/default and whether wrinkle guard applies. */
function program(name: string, uid: string, durationS: number, target?: { def: number; min: number; max: number }): string {
  const lines = [
    `    <!--${name} -->`,
    `    <program available="true" uid="${uid}">`,
    `      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>`,
    `      <option access="read" available="true" default="${durationS}" liveUpdate="true" refUID="0213"/>`,
  ];
  if (target) {
    lines.push(
      `      <option access="readWrite" available="true" default="${target.def}" liveUpdate="true" max="${target.max}" min="${target.min}" refUID="5001"/>`,
      `      <option access="readWrite" available="true" default="1" liveUpdate="true" refUID="5002"/>`,
      `      <option access="readWrite" available="true" liveUpdate="true" refUID="5003"/>`,
    );
  }
  lines.push('    </program>');
  return lines.join('\n');
}

export const dryerDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -66, remoteControlStartAllowed: false })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
${commonSettings}
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--BSH.Common.Event.ProgramAborted -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0221"/>
    <!--LaundryCare.Dryer.Event.EmptyCondensationContainer -->
    <event enumerationType="0001" handling="acknowledge" level="warning" refCID="03" refDID="80" uid="4101"/>
    <!--LaundryCare.Dryer.Event.CleanFilter -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="4102"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
${commonCommands}
${factoryResetCommand}
${laundryRemoteStartAndActiveStatus}
    <!--LaundryCare.Common.OptionList.Options -->
    <optionList access="readWrite" available="true" uid="161D">
      <!--LaundryCare.Dryer.Option.DryingTarget -->
      <option access="readWrite" available="true" default="2" enumerationType="5001" initValue="2" max="5" min="1" refCID="03" refDID="80" uid="5001"/>
      <!--LaundryCare.Dryer.Option.WrinkleGuard -->
      <option access="readWrite" available="true" default="1" enumerationType="5002" initValue="1" max="2" min="0" refCID="03" refDID="80" uid="5002"/>
      <!--LaundryCare.Dryer.Option.Gentle -->
      <option access="readWrite" available="true" default="false" initValue="false" refCID="01" refDID="00" uid="5003"/>
    </optionList>
    <!--LaundryCare.Common.OptionList.RemoteStart -->
    <optionList access="none" available="true" uid="161C">
      <!--BSH.Common.Option.FinishInRelative -->
      <option access="none" available="true" initValue="0" max="86400" min="0" refCID="10" refDID="82" stepSize="60" uid="0227"/>
    </optionList>
    <!--LaundryCare.Common.OptionList.SelectedStatus -->
    <optionList access="read" available="true" uid="161A">
      <!--BSH.Common.Option.EstimatedTotalProgramTime -->
      <option access="read" available="true" initValue="0" max="21600" min="0" refCID="10" refDID="82" stepSize="60" uid="0213"/>
    </optionList>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
${program('LaundryCare.Dryer.Program.Cotton', '8001', 8100, { def: 2, min: 1, max: 5 })}
${program('LaundryCare.Dryer.Program.Synthetic', '8002', 5400, { def: 2, min: 1, max: 4 })}
${program('LaundryCare.Dryer.Program.Mix', '8003', 6000, { def: 2, min: 1, max: 4 })}
${program('LaundryCare.Dryer.Program.Blankets', '8004', 8100, { def: 3, min: 2, max: 4 })}
${program('LaundryCare.Dryer.Program.Super40', '8005', 2400, { def: 2, min: 2, max: 2 })}
${program('LaundryCare.Dryer.Program.TimeWarm', '8006', 1800)}
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" available="true" fullOptionSet="false" uid="0100"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" available="true" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
    <!--LaundryCare.Dryer.EnumType.DryingTarget -->
    <enumerationType enid="5001"><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/></enumerationType>
    <!--LaundryCare.Dryer.EnumType.WrinkleGuard -->
    <enumerationType enid="5002"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const dryerFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, dryerDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="5001" enumKey="LaundryCare.Dryer.EnumType.DryingTarget">
      <enumMember refValue="1">IronDry</enumMember>
      <enumMember refValue="2">CupboardDry</enumMember>
      <enumMember refValue="3">CupboardDryPlus</enumMember>
      <enumMember refValue="4">ExtraDry</enumMember>
      <enumMember refValue="5">GentleDry</enumMember>
    </enumDescription>
    <enumDescription refENID="5002" enumKey="LaundryCare.Dryer.EnumType.WrinkleGuard">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">Min60</enumMember>
      <enumMember refValue="2">Min120</enumMember>
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo dryer as a stored record. Key = ASCII "HCLOCAL-DEMO-DRYER-AES-KEY-00007", iv = "HCLOCAL-DEMO-IV7". */
export const demoDryer: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOWT1-000000000007',
  name: 'dryer',
  brand: 'HCLOCAL',
  type: 'Dryer',
  vib: 'DEMO-WT1',
  host: '127.0.0.1',
  connectionType: 'AES',
  key: Buffer.from('HCLOCAL-DEMO-DRYER-AES-KEY-00007', 'ascii').toString('base64url'),
  iv: Buffer.from('HCLOCAL-DEMO-IV7', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-07',
  serialNumber: 'DEMO00000000000007',
  deviceDescription: dryerDeviceDescription,
  featureMapping: dryerFeatureMapping,
};
