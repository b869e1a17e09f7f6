/**
 * Demo washer (AES). Written for this project in the format of real cloud profiles
 * (protocol.md §4.1/§4.2); uids of common features match real appliances (§4.3). Programs carry
 * per-program option overrides (max temperature / spin speed, defaults); FinishInRelative has
 * access none at list level and readWrite inside each program. Key and iv are obviously fake.
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
  laundryRemoteStartAndActiveStatus,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'Washer', brand: 'HCLOCAL', model: 'DEMO-WM1', version: 2, revision: 1 };

/** Names of the features only the washer declares (the common ones come from common-xml). */
const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['0227', 'BSH.Common.Option.FinishInRelative'],
  ['151A', 'LaundryCare.Common.CommandList.RemoteStart'],
  ['161A', 'LaundryCare.Common.OptionList.SelectedStatus'],
  ['161B', 'LaundryCare.Common.OptionList.ActiveStatus'],
  ['161C', 'LaundryCare.Common.OptionList.RemoteStart'],
  ['161D', 'LaundryCare.Common.OptionList.Options'],
  ['1710', 'LaundryCare.Common.ProgramGroup.Favorites'],
  ['2A02', 'LaundryCare.Common.Status.LoadInformation'],
  ['3A01', 'LaundryCare.Common.Setting.SignalVolume'],
  ['4005', 'LaundryCare.Washer.Event.DrumCleanReminder'],
  ['6001', 'LaundryCare.Washer.Option.Temperature'],
  ['6002', 'LaundryCare.Washer.Option.SpinSpeed'],
  ['6006', 'LaundryCare.Washer.Option.Prewash'],
  ['6007', 'LaundryCare.Washer.Option.RinsePlus'],
  ['600A', 'LaundryCare.Washer.Option.SilentWash'],
  ['6103', 'LaundryCare.Washer.Option.SpeedPerfect'],
  ['7001', 'LaundryCare.Washer.Program.Cotton'],
  ['7002', 'LaundryCare.Washer.Program.EasyCare'],
  ['7003', 'LaundryCare.Washer.Program.Mix'],
  ['7004', 'LaundryCare.Washer.Program.DelicatesSilk'],
  ['7005', 'LaundryCare.Washer.Program.Wool'],
  ['7012', 'LaundryCare.Washer.Program.DrumClean'],
  ['7014', 'LaundryCare.Washer.Program.Rinse'],
  ['7015', 'LaundryCare.Washer.Program.Spin'],
  ['7030', 'LaundryCare.Washer.Program.Quick15'],
  ['7A01', 'LaundryCare.Common.Program.Memory1'],
  ['7A02', 'LaundryCare.Common.Program.Memory2'],
];

export const washerDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -60, remoteControlStartAllowed: false })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
    <!--LaundryCare.Common.Status.LoadInformation -->
    <status access="read" available="true" initValue="0" max="10000" min="0" refCID="13" refDID="81" stepSize="100" uid="2A02"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
${commonSettings}
    <!--LaundryCare.Common.Setting.SignalVolume -->
    <setting access="readWrite" available="true" enumerationType="3A01" initValue="2" refCID="03" refDID="80" uid="3A01"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
${commonEvents('acknowledge')}
    <!--LaundryCare.Washer.Event.DrumCleanReminder -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="4005"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
${commonCommands}
${factoryResetCommand}
${laundryRemoteStartAndActiveStatus}
    <!--LaundryCare.Common.OptionList.Options -->
    <optionList access="readWrite" available="true" uid="161D">
      <!--LaundryCare.Washer.Option.Temperature -->
      <option access="readWrite" available="true" default="3" enumerationType="6001" initValue="3" max="255" min="0" refCID="03" refDID="80" uid="6001"/>
      <!--LaundryCare.Washer.Option.SpinSpeed -->
      <option access="readWrite" available="true" default="120" enumerationType="6002" initValue="120" max="255" min="0" refCID="03" refDID="80" uid="6002"/>
      <!--LaundryCare.Washer.Option.Prewash -->
      <option access="readWrite" available="true" default="false" initValue="false" refCID="01" refDID="00" uid="6006"/>
      <!--LaundryCare.Washer.Option.SilentWash -->
      <option access="readWrite" available="true" default="false" initValue="false" refCID="01" refDID="00" uid="600A"/>
      <!--LaundryCare.Washer.Option.SpeedPerfect -->
      <option access="readWrite" available="true" default="false" initValue="false" refCID="01" refDID="00" uid="6103"/>
      <!--LaundryCare.Washer.Option.RinsePlus -->
      <option access="readWrite" available="true" default="0" enumerationType="6007" initValue="0" refCID="03" refDID="80" uid="6007"/>
    </optionList>
    <!--LaundryCare.Common.OptionList.RemoteStart -->
    <optionList access="none" available="true" uid="161C">
      <!--BSH.Common.Option.FinishInRelative -->
      <option access="none" available="true" initValue="0" max="86400" min="0" refCID="10" refDID="82" stepSize="60" uid="0227"/>
    </optionList>
    <!--LaundryCare.Common.OptionList.SelectedStatus -->
    <optionList access="read" available="true" uid="161A">
      <!--BSH.Common.Option.EnergyForecast -->
      <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" stepSize="20" uid="0231"/>
      <!--BSH.Common.Option.WaterForecast -->
      <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" stepSize="20" uid="0232"/>
    </optionList>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
    <!--LaundryCare.Common.ProgramGroup.Favorites -->
    <programGroup available="true" uid="1710">
      <!--LaundryCare.Common.Program.Memory1 -->
      <program available="true" uid="7A01">
        <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
        <option access="readWrite" available="true" default="2" liveUpdate="true" max="8" min="0" refUID="6001"/>
        <option access="readWrite" available="true" default="100" liveUpdate="true" max="140" min="0" refUID="6002"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6006"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="600A"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6103"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
      </program>
      <!--LaundryCare.Common.Program.Memory2 -->
      <program available="false" uid="7A02">
        <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
        <option access="readWrite" available="true" default="3" liveUpdate="true" max="8" min="0" refUID="6001"/>
        <option access="readWrite" available="true" default="120" liveUpdate="true" max="140" min="0" refUID="6002"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6006"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="600A"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6103"/>
        <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
      </program>
    </programGroup>
    <!--LaundryCare.Washer.Program.Cotton -->
    <program available="true" uid="7001">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="3" liveUpdate="true" max="8" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="120" liveUpdate="true" max="140" min="0" refUID="6002"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6006"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="600A"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6103"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
    </program>
    <!--LaundryCare.Washer.Program.EasyCare -->
    <program available="true" uid="7002">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="3" liveUpdate="true" max="5" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="120" liveUpdate="true" max="120" min="0" refUID="6002"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6006"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="600A"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6103"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
    </program>
    <!--LaundryCare.Washer.Program.Mix -->
    <program available="true" uid="7003">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="3" liveUpdate="true" max="3" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="140" liveUpdate="true" max="140" min="0" refUID="6002"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6006"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6103"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
    </program>
    <!--LaundryCare.Washer.Program.DelicatesSilk -->
    <program available="true" uid="7004">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="2" liveUpdate="true" max="2" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="60" liveUpdate="true" max="80" min="0" refUID="6002"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
    </program>
    <!--LaundryCare.Washer.Program.Wool -->
    <program available="true" uid="7005">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="2" liveUpdate="true" max="3" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="80" liveUpdate="true" max="80" min="0" refUID="6002"/>
    </program>
    <!--LaundryCare.Washer.Program.Quick15 -->
    <program available="true" uid="7030">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="1" liveUpdate="true" max="3" min="0" refUID="6001"/>
      <option access="readWrite" available="true" default="80" liveUpdate="true" max="120" min="0" refUID="6002"/>
    </program>
    <!--LaundryCare.Washer.Program.Rinse -->
    <program available="true" uid="7014">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="140" liveUpdate="true" max="140" min="0" refUID="6002"/>
      <option access="readWrite" available="true" liveUpdate="true" refUID="6007"/>
    </program>
    <!--LaundryCare.Washer.Program.Spin -->
    <program available="true" uid="7015">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
      <option access="readWrite" available="true" default="140" liveUpdate="true" max="140" min="0" refUID="6002"/>
    </program>
    <!--LaundryCare.Washer.Program.DrumClean -->
    <program available="true" uid="7012">
      <option access="readWrite" available="true" liveUpdate="false" refUID="0227"/>
    </program>
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" available="true" fullOptionSet="false" uid="0100"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" available="true" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
    <!--LaundryCare.Common.EnumType.SignalVolume -->
    <enumerationType enid="3A01"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/></enumerationType>
    <!--LaundryCare.Washer.EnumType.Temperature -->
    <enumerationType enid="6001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="8"/></enumerationType>
    <!--LaundryCare.Washer.EnumType.SpinSpeed -->
    <enumerationType enid="6002"><enumeration value="0"/><enumeration value="40"/><enumeration value="60"/><enumeration value="80"/><enumeration value="100"/><enumeration value="120"/><enumeration value="140"/></enumerationType>
    <!--LaundryCare.Washer.EnumType.RinsePlus -->
    <enumerationType enid="6007"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const washerFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures)}
  <errorDescription>
${commonErrors}
    <error refEID="021E">BSH.Common.Error.BackendNotConnected</error>
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="3A01" enumKey="LaundryCare.Common.EnumType.SignalVolume">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">Low</enumMember>
      <enumMember refValue="2">Medium</enumMember>
      <enumMember refValue="3">High</enumMember>
    </enumDescription>
    <enumDescription refENID="6001" enumKey="LaundryCare.Washer.EnumType.Temperature">
      <enumMember refValue="0">Cold</enumMember>
      <enumMember refValue="1">GC20</enumMember>
      <enumMember refValue="2">GC30</enumMember>
      <enumMember refValue="3">GC40</enumMember>
      <enumMember refValue="4">GC50</enumMember>
      <enumMember refValue="5">GC60</enumMember>
      <enumMember refValue="6">GC70</enumMember>
      <enumMember refValue="7">GC80</enumMember>
      <enumMember refValue="8">GC90</enumMember>
      <enumMember refValue="254">Auto</enumMember>
      <enumMember refValue="255">Max</enumMember>
    </enumDescription>
    <enumDescription refENID="6002" enumKey="LaundryCare.Washer.EnumType.SpinSpeed">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="40">RPM400</enumMember>
      <enumMember refValue="60">RPM600</enumMember>
      <enumMember refValue="80">RPM800</enumMember>
      <enumMember refValue="100">RPM1000</enumMember>
      <enumMember refValue="120">RPM1200</enumMember>
      <enumMember refValue="140">RPM1400</enumMember>
      <enumMember refValue="160">RPM1600</enumMember>
      <enumMember refValue="254">Auto</enumMember>
      <enumMember refValue="255">Max</enumMember>
    </enumDescription>
    <enumDescription refENID="6007" enumKey="LaundryCare.Washer.EnumType.RinsePlus">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">Plus1</enumMember>
      <enumMember refValue="2">Plus2</enumMember>
      <enumMember refValue="3">Plus3</enumMember>
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/**
 * The demo washer as a stored record. Key = ASCII "HCLOCAL-DEMO-WASHER-AES-KEY-0002",
 * iv = ASCII "HCLOCAL-DEMO-IV2" — public and fake on purpose.
 */
export const demoWasher: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOWM1-000000000002',
  name: 'washer',
  brand: 'HCLOCAL',
  type: 'Washer',
  vib: 'DEMO-WM1',
  host: '127.0.0.1',
  connectionType: 'AES',
  key: 'SENMT0NBTC1ERU1PLVdBU0hFUi1BRVMtS0VZLTAwMDI',
  iv: 'SENMT0NBTC1ERU1PLUlWMg',
  mac: '00-00-5E-00-53-02',
  serialNumber: 'DEMO00000000000002',
  deviceDescription: washerDeviceDescription,
  featureMapping: washerFeatureMapping,
};
