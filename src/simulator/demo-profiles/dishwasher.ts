/**
 * Demo dishwasher (TLS). Written for this project in the format of real cloud profiles
 * (protocol.md §4.1/§4.2); uids of common features match real appliances (§4.3). Used by the
 * simulator, the `npm start` demo and tests. The key is obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';
import {
  commonCommands,
  commonEnumDescriptions,
  commonEnumerationTypes,
  commonErrors,
  commonEvents,
  commonSettings,
  commonStatuses,
  deviceDescriptionHead,
  factoryResetCommand,
  featureDescription,
  featureMappingHead,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'Dishwasher', brand: 'HCLOCAL', model: 'DEMO-DW1', version: 1, revision: 0 };

/** Names of the features only the dishwasher declares (the common ones come from common-xml). */
const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['022E', 'BSH.Common.Option.StartInRelative'],
  ['1000', 'Dishcare.Dishwasher.Status.ProgramPhase'],
  ['1010', 'Dishcare.Dishwasher.Status.WaterTemperature'],
  ['1102', 'Dishcare.Dishwasher.Setting.RinseAid'],
  ['1104', 'Dishcare.Dishwasher.Setting.ExtraDry'],
  ['110F', 'Dishcare.Dishwasher.Setting.WaterHardness'],
  ['1210', 'Dishcare.Dishwasher.Event.SaltLack'],
  ['1211', 'Dishcare.Dishwasher.Event.RinseAidLack'],
  ['1406', 'Dishcare.Dishwasher.Option.IntensivZone'],
  ['1407', 'Dishcare.Dishwasher.Option.VarioSpeedPlus'],
  ['1408', 'Dishcare.Dishwasher.Option.BrillianceDry'],
  ['2000', 'Dishcare.Dishwasher.Program.Intensiv70'],
  ['2003', 'Dishcare.Dishwasher.Program.Auto2'],
  ['2004', 'Dishcare.Dishwasher.Program.Eco50'],
  ['2005', 'Dishcare.Dishwasher.Program.Glas40'],
  ['2007', 'Dishcare.Dishwasher.Program.Quick45'],
  ['2008', 'Dishcare.Dishwasher.Program.PreRinse'],
  ['2017', 'Dishcare.Dishwasher.Program.MachineCare'],
  ['EFF1', 'Dishcare.Dishwasher.OptionList.Options'],
];

export const dishwasherDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -50, remoteControlStartAllowed: true })}
    <!--Dishcare.Dishwasher.Status.ProgramPhase -->
    <status access="read" available="true" enumerationType="1005" initValue="0" refCID="03" refDID="80" uid="1000"/>
    <!--Dishcare.Dishwasher.Status.WaterTemperature -->
    <status access="read" available="true" initValue="20" max="80" min="0" refCID="07" refDID="A1" uid="1010"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
${commonSettings}
    <!--Dishcare.Dishwasher.Setting.RinseAid -->
    <setting access="readWrite" available="true" enumerationType="1000" initValue="3" refCID="03" refDID="80" uid="1102"/>
    <!--Dishcare.Dishwasher.Setting.WaterHardness -->
    <setting access="readWrite" available="true" enumerationType="1009" initValue="4" refCID="03" refDID="80" uid="110F"/>
    <!--Dishcare.Dishwasher.Setting.ExtraDry -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="1104"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
${commonEvents('none')}
    <!--Dishcare.Dishwasher.Event.SaltLack -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="1210"/>
    <!--Dishcare.Dishwasher.Event.RinseAidLack -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="1211"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
${commonCommands}
    <!--BSH.Common.Command.PauseProgram -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0219"/>
    <!--BSH.Common.Command.ResumeProgram -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0222"/>
${factoryResetCommand}
  </commandList>
  <!--BSH.Common.Root.OptionList -->
  <optionList access="readWrite" available="true" uid="0106">
    <!--BSH.Common.Option.ProgramProgress -->
    <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" uid="021E"/>
    <!--BSH.Common.Option.RemainingProgramTime -->
    <option access="read" available="true" initValue="0" max="86400" min="0" refCID="10" refDID="82" uid="0220"/>
    <!--BSH.Common.Option.RemainingProgramTimeIsEstimated -->
    <option access="read" available="true" initValue="true" refCID="01" refDID="00" uid="0225"/>
    <!--BSH.Common.Option.StartInRelative -->
    <option access="read" available="true" default="0" initValue="0" max="86400" min="0" refCID="10" refDID="82" stepSize="60" uid="022E"/>
    <!--BSH.Common.Option.EnergyForecast -->
    <option access="read" available="true" initValue="0" refCID="11" refDID="A0" uid="0231"/>
    <!--BSH.Common.Option.WaterForecast -->
    <option access="read" available="true" initValue="0" refCID="11" refDID="A0" uid="0232"/>
    <!--Dishcare.Dishwasher.OptionList.Options -->
    <optionList access="readWrite" available="true" uid="EFF1">
      <!--Dishcare.Dishwasher.Option.IntensivZone -->
      <option access="readWrite" available="true" default="false" refCID="01" refDID="00" uid="1406"/>
      <!--Dishcare.Dishwasher.Option.VarioSpeedPlus -->
      <option access="readWrite" available="true" default="false" refCID="01" refDID="00" uid="1407"/>
      <!--Dishcare.Dishwasher.Option.BrillianceDry -->
      <option access="readWrite" available="true" default="false" refCID="01" refDID="00" uid="1408"/>
    </optionList>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
    <!--Dishcare.Dishwasher.Program.Eco50 -->
    <program available="true" uid="2004">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1406"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1407"/>
      <option access="readWrite" available="true" default="true" liveUpdate="true" refUID="1408"/>
    </program>
    <!--Dishcare.Dishwasher.Program.Auto2 -->
    <program available="true" uid="2003">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1406"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1407"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1408"/>
    </program>
    <!--Dishcare.Dishwasher.Program.Intensiv70 -->
    <program available="true" uid="2000">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
      <option access="readWrite" available="true" default="true" liveUpdate="true" refUID="1406"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1407"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1408"/>
    </program>
    <!--Dishcare.Dishwasher.Program.Glas40 -->
    <program available="true" uid="2005">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1407"/>
    </program>
    <!--Dishcare.Dishwasher.Program.Quick45 -->
    <program available="true" uid="2007">
      <option access="readWrite" available="true" liveUpdate="false" max="43200" refUID="022E"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="1408"/>
    </program>
    <!--Dishcare.Dishwasher.Program.PreRinse -->
    <program available="true" uid="2008">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
    </program>
    <!--Dishcare.Dishwasher.Program.MachineCare -->
    <program available="false" uid="2017">
      <option access="readWrite" available="true" liveUpdate="false" refUID="022E"/>
    </program>
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" uid="0100"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
    <!--Dishcare.Dishwasher.EnumType.RinseAid -->
    <enumerationType enid="1000"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/></enumerationType>
    <!--Dishcare.Dishwasher.EnumType.ProgramPhase -->
    <enumerationType enid="1005"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/></enumerationType>
    <!--Dishcare.Dishwasher.EnumType.WaterHardness -->
    <enumerationType enid="1009"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const dishwasherFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="1000" enumKey="Dishcare.Dishwasher.EnumType.RinseAid">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">R01</enumMember>
      <enumMember refValue="2">R02</enumMember>
      <enumMember refValue="3">R03</enumMember>
      <enumMember refValue="4">R04</enumMember>
      <enumMember refValue="5">R05</enumMember>
      <enumMember refValue="6">R06</enumMember>
    </enumDescription>
    <enumDescription refENID="1005" enumKey="Dishcare.Dishwasher.EnumType.ProgramPhase">
      <enumMember refValue="0">None</enumMember>
      <enumMember refValue="1">PreRinse</enumMember>
      <enumMember refValue="2">MainWash</enumMember>
      <enumMember refValue="3">FinalRinse</enumMember>
      <enumMember refValue="4">Drying</enumMember>
    </enumDescription>
    <enumDescription refENID="1009" enumKey="Dishcare.Dishwasher.EnumType.WaterHardness">
      <enumMember refValue="0">H00</enumMember>
      <enumMember refValue="1">H01</enumMember>
      <enumMember refValue="2">H02</enumMember>
      <enumMember refValue="3">H03</enumMember>
      <enumMember refValue="4">H04</enumMember>
      <enumMember refValue="5">H05</enumMember>
      <enumMember refValue="6">H06</enumMember>
      <enumMember refValue="7">H07</enumMember>
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/**
 * The demo dishwasher as a stored record. The key is the ASCII text
 * "HCLOCAL-DEMO-DISHWASHER-PSK-0001" — public and fake on purpose.
 */
export const demoDishwasher: ApplianceRecord = {
  haId: 'HCLOCAL-DEMODW1-000000000001',
  name: 'dishwasher',
  brand: 'HCLOCAL',
  type: 'Dishwasher',
  vib: 'DEMO-DW1',
  host: '127.0.0.1',
  connectionType: 'TLS',
  key: 'SENMT0NBTC1ERU1PLURJU0hXQVNIRVItUFNLLTAwMDE',
  mac: '00-00-5E-00-53-01',
  serialNumber: 'DEMO00000000000001',
  deviceDescription: dishwasherDeviceDescription,
  featureMapping: dishwasherFeatureMapping,
};
