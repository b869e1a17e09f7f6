/**
 * Demo oven (TLS). Written for this project in the shape of real oven profiles: status keys
 * with a numbered cavity (`Cooking.Oven.Status.Cavity.001.*`), heating modes in a nested
 * program group, favourites (`BSH.Common.Program.Favorite.001` named by
 * `BSH.Common.Setting.Favorite.001.Name`), setpoint temperature 30–300 °C as a program option,
 * duration, fast preheat and a meat probe. Key is obviously fake.
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
  featureDescription,
  featureMappingHead,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'Oven', brand: 'HCLOCAL', model: 'DEMO-HB1', version: 4, revision: 2 };

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['0224', 'BSH.Common.Option.Duration'],
  ['0234', 'BSH.Common.Event.AlarmClockElapsed'],
  ['0260', 'BSH.Common.Setting.Favorite.001.Name'],
  ['0261', 'BSH.Common.Setting.Favorite.002.Name'],
  ['1001', 'Cooking.Oven.Status.Cavity.001.CurrentTemperature'],
  ['1002', 'Cooking.Oven.Status.Cavity.001.MeatProbePlugged'],
  ['1003', 'Cooking.Oven.Status.Cavity.001.MeatProbeCurrentTemperature'],
  ['1004', 'Cooking.Oven.Status.Cavity.001.Preheated'],
  ['1101', 'Cooking.Oven.Setting.SabbathMode'],
  ['1102', 'Cooking.Oven.Setting.Cavity.001.Lighting'],
  ['1201', 'Cooking.Oven.Event.PreheatFinished'],
  ['1202', 'Cooking.Oven.Event.Cavity.001.MeatProbeTargetReached'],
  ['1401', 'Cooking.Oven.Option.SetpointTemperature'],
  ['1402', 'Cooking.Oven.Option.FastPreHeat'],
  ['1403', 'Cooking.Oven.Option.MeatProbeTemperature'],
  ['1501', 'Cooking.Oven.Program.HeatingMode.HotAir'],
  ['1502', 'Cooking.Oven.Program.HeatingMode.TopBottomHeating'],
  ['1503', 'Cooking.Oven.Program.HeatingMode.PizzaSetting'],
  ['1504', 'Cooking.Oven.Program.HeatingMode.HotAirGrilling'],
  ['1505', 'Cooking.Oven.Program.HeatingMode.PreHeating'],
  ['1601', 'Cooking.Oven.Program.Cleaning.Pyrolysis'],
  ['1901', 'Cooking.Oven.ProgramGroup.HeatingMode'],
  ['1902', 'Cooking.Oven.ProgramGroup.Cleaning'],
  ['1903', 'BSH.Common.ProgramGroup.Favorites'],
  ['1A01', 'Cooking.Oven.OptionList.Options'],
  ['1A02', 'Cooking.Oven.OptionList.ActiveStatus'],
  ['2901', 'BSH.Common.Program.Favorite.001'],
  ['2902', 'BSH.Common.Program.Favorite.002'],
];

/** Per-program options of a heating mode: setpoint range and default, duration, preheat, probe. */
function heatingMode(comment: string, uid: string, min: number, max: number, def: number, probe = true): string {
  const lines = [
    `    <!--${comment} -->`,
    `    <program available="true" uid="${uid}">`,
    `      <option access="readWrite" available="true" default="${def}" liveUpdate="true" max="${max}" min="${min}" refUID="1401" stepSize="5"/>`,
    `      <option access="readWrite" available="true" liveUpdate="true" refUID="0224"/>`,
    `      <option access="readWrite" available="true" default="false" liveUpdate="false" refUID="1402"/>`,
  ];
  if (probe) lines.push(`      <option access="readWrite" available="true" liveUpdate="true" refUID="1403"/>`);
  lines.push(`      <option access="read" available="true" liveUpdate="true" refUID="021E"/>`);
  lines.push(`      <option access="read" available="true" liveUpdate="true" refUID="0220"/>`);
  lines.push('    </program>');
  return lines.map((l) => `  ${l}`).join('\n');
}

export const ovenDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -55, remoteControlStartAllowed: true })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
    <!--Cooking.Oven.Status.Cavity.001.CurrentTemperature -->
    <status access="read" available="true" initValue="21" max="300" min="0" refCID="07" refDID="A1" uid="1001"/>
    <!--Cooking.Oven.Status.Cavity.001.MeatProbePlugged -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="1002"/>
    <!--Cooking.Oven.Status.Cavity.001.MeatProbeCurrentTemperature -->
    <status access="read" available="true" initValue="0" max="99" min="0" refCID="07" refDID="A1" uid="1003"/>
    <!--Cooking.Oven.Status.Cavity.001.Preheated -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="1004"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
${commonSettings}
    <!--Cooking.Oven.Setting.SabbathMode -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="1101"/>
    <!--Cooking.Oven.Setting.Cavity.001.Lighting -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="1102"/>
    <!--BSH.Common.Setting.Favorite.001.Name -->
    <setting access="readWrite" available="true" initValue="Sunday roast" max="30" min="0" refCID="05" refDID="8B" uid="0260"/>
    <!--BSH.Common.Setting.Favorite.002.Name -->
    <setting access="readWrite" available="true" initValue="" max="30" min="0" refCID="05" refDID="8B" uid="0261"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--BSH.Common.Event.ProgramAborted -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0221"/>
    <!--BSH.Common.Event.AlarmClockElapsed -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0234"/>
    <!--Cooking.Oven.Event.PreheatFinished -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="1201"/>
    <!--Cooking.Oven.Event.Cavity.001.MeatProbeTargetReached -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="1202"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
${commonCommands}
    <!--BSH.Common.Command.PauseProgram -->
    <command access="none" available="true" refCID="01" refDID="00" uid="0219"/>
    <!--BSH.Common.Command.ResumeProgram -->
    <command access="none" available="true" refCID="01" refDID="00" uid="0222"/>
  </commandList>
  <!--BSH.Common.Root.OptionList -->
  <optionList access="readWrite" available="true" uid="0106">
    <!--Cooking.Oven.OptionList.ActiveStatus -->
    <optionList access="read" available="true" uid="1A02">
      <!--BSH.Common.Option.ProgramProgress -->
      <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" stepSize="1" uid="021E"/>
      <!--BSH.Common.Option.RemainingProgramTime -->
      <option access="read" available="true" initValue="0" max="86340" min="0" refCID="10" refDID="82" stepSize="1" uid="0220"/>
    </optionList>
    <!--Cooking.Oven.OptionList.Options -->
    <optionList access="readWrite" available="true" uid="1A01">
      <!--Cooking.Oven.Option.SetpointTemperature -->
      <option access="readWrite" available="true" default="180" max="300" min="30" refCID="07" refDID="A1" stepSize="5" uid="1401"/>
      <!--BSH.Common.Option.Duration -->
      <option access="readWrite" available="true" max="86340" min="60" refCID="10" refDID="82" stepSize="60" uid="0224"/>
      <!--Cooking.Oven.Option.FastPreHeat -->
      <option access="readWrite" available="true" default="false" refCID="01" refDID="00" uid="1402"/>
      <!--Cooking.Oven.Option.MeatProbeTemperature -->
      <option access="readWrite" available="true" default="70" max="99" min="40" refCID="07" refDID="A1" stepSize="1" uid="1403"/>
    </optionList>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
    <!--Cooking.Oven.ProgramGroup.HeatingMode -->
    <programGroup available="true" uid="1901">
${heatingMode('Cooking.Oven.Program.HeatingMode.HotAir', '1501', 30, 275, 160)}
${heatingMode('Cooking.Oven.Program.HeatingMode.TopBottomHeating', '1502', 30, 300, 180)}
${heatingMode('Cooking.Oven.Program.HeatingMode.PizzaSetting', '1503', 30, 275, 220, false)}
${heatingMode('Cooking.Oven.Program.HeatingMode.HotAirGrilling', '1504', 30, 300, 190)}
      <!--Cooking.Oven.Program.HeatingMode.PreHeating -->
      <program available="true" uid="1505">
        <option access="readWrite" available="true" default="180" liveUpdate="true" max="300" min="30" refUID="1401" stepSize="5"/>
        <option access="readWrite" available="true" default="true" liveUpdate="false" refUID="1402"/>
      </program>
    </programGroup>
    <!--Cooking.Oven.ProgramGroup.Cleaning -->
    <programGroup available="true" uid="1902">
      <!--Cooking.Oven.Program.Cleaning.Pyrolysis -->
      <program available="true" execution="selectOnly" uid="1601">
        <option access="read" available="true" liveUpdate="true" refUID="021E"/>
        <option access="read" available="true" liveUpdate="true" refUID="0220"/>
      </program>
    </programGroup>
    <!--BSH.Common.ProgramGroup.Favorites -->
    <programGroup available="true" uid="1903">
      <!--BSH.Common.Program.Favorite.001 -->
      <program available="true" uid="2901">
        <option access="readWrite" available="true" default="170" liveUpdate="true" max="300" min="30" refUID="1401" stepSize="5"/>
        <option access="readWrite" available="true" default="5400" liveUpdate="true" refUID="0224"/>
        <option access="readWrite" available="true" default="false" liveUpdate="false" refUID="1402"/>
        <option access="read" available="true" liveUpdate="true" refUID="021E"/>
        <option access="read" available="true" liveUpdate="true" refUID="0220"/>
      </program>
      <!--BSH.Common.Program.Favorite.002 -->
      <program available="false" uid="2902">
        <option access="readWrite" available="true" liveUpdate="true" max="300" min="30" refUID="1401" stepSize="5"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="0224"/>
      </program>
    </programGroup>
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" available="true" fullOptionSet="false" uid="0100" validate="true"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" available="true" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
  </enumerationTypeList>
</device>
`;

export const ovenFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, ovenDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo oven as a stored record. Key = ASCII "HCLOCAL-DEMO-OVEN-TLS-PSK-KEY-03". */
export const demoOven: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOHB1-000000000003',
  name: 'oven',
  brand: 'HCLOCAL',
  type: 'Oven',
  vib: 'DEMO-HB1',
  host: '127.0.0.1',
  connectionType: 'TLS',
  key: Buffer.from('HCLOCAL-DEMO-OVEN-TLS-PSK-KEY-03', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-03',
  serialNumber: 'DEMO00000000000003',
  deviceDescription: ovenDeviceDescription,
  featureMapping: ovenFeatureMapping,
};
