/**
 * Demo cooker hood (AES). The venting program `Cooking.Common.Program.Hood.Venting` can be
 * started remotely and runs until stopped (AbortProgram or PowerState Off); fan stages
 * FanOff/FanStage01…05 and intensive stages are program options (FanOff is in the enum but the
 * venting program's min is 1); lighting on/off with brightness as settings; grease filter
 * saturation with its events. Key and iv are obviously fake.
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

const identity: DemoIdentity = { type: 'Hood', brand: 'HCLOCAL', model: 'DEMO-LC1', version: 2, revision: 3 };

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['5001', 'Cooking.Hood.Status.GreaseFilterSaturation'],
  ['5201', 'Cooking.Hood.Event.GreaseFilterMaxSaturationNearlyReached'],
  ['5202', 'Cooking.Hood.Event.GreaseFilterMaxSaturationReached'],
  ['5301', 'Cooking.Common.Setting.Lighting'],
  ['5302', 'Cooking.Common.Setting.LightingBrightness'],
  ['5303', 'Cooking.Hood.Setting.DelayedShutOffTime'],
  ['5401', 'Cooking.Common.Option.Hood.VentingLevel'],
  ['5402', 'Cooking.Common.Option.Hood.IntensiveLevel'],
  ['5501', 'Cooking.Common.Program.Hood.Venting'],
  ['5502', 'Cooking.Common.Program.Hood.Automatic'],
  ['5503', 'Cooking.Common.Program.Hood.DelayedShutOff'],
];

export const hoodDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -48, remoteControlStartAllowed: true, door: false })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
    <!--Cooking.Hood.Status.GreaseFilterSaturation -->
    <status access="read" available="true" initValue="35" max="100" min="0" refCID="11" refDID="A0" stepSize="1" uid="5001"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="readWrite" available="true" enumerationType="0204" initValue="1" refCID="03" refDID="80" uid="021B"/>
    <!--Cooking.Common.Setting.Lighting -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="5301"/>
    <!--Cooking.Common.Setting.LightingBrightness -->
    <setting access="readWrite" available="true" initValue="70" max="100" min="10" refCID="11" refDID="A0" stepSize="1" uid="5302"/>
    <!--Cooking.Hood.Setting.DelayedShutOffTime -->
    <setting access="readWrite" available="true" initValue="600" max="1800" min="60" refCID="10" refDID="82" stepSize="60" uid="5303"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--Cooking.Hood.Event.GreaseFilterMaxSaturationNearlyReached -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="5201"/>
    <!--Cooking.Hood.Event.GreaseFilterMaxSaturationReached -->
    <event enumerationType="0001" handling="acknowledge" level="warning" refCID="03" refDID="80" uid="5202"/>
  </eventList>
  <!--BSH.Common.Root.CommandList -->
  <commandList access="writeOnly" available="true" uid="0105">
    <!--BSH.Common.Command.DeactivateWiFi -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0001"/>
    <!--BSH.Common.Command.AcknowledgeEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0006"/>
    <!--BSH.Common.Command.RejectEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0010"/>
    <!--BSH.Common.Command.AbortProgram -->
    <command access="none" available="true" refCID="01" refDID="00" uid="0200"/>
  </commandList>
  <!--BSH.Common.Root.OptionList -->
  <optionList access="readWrite" available="true" uid="0106">
    <!--Cooking.Common.Option.Hood.VentingLevel -->
    <option access="readWrite" available="true" default="2" enumerationType="5001" initValue="0" max="5" min="0" refCID="03" refDID="80" uid="5401"/>
    <!--Cooking.Common.Option.Hood.IntensiveLevel -->
    <option access="readWrite" available="true" default="0" enumerationType="5002" initValue="0" max="2" min="0" refCID="03" refDID="80" uid="5402"/>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
    <!--Cooking.Common.Program.Hood.Venting -->
    <program available="true" execution="selectAndStart" uid="5501">
      <option access="readWrite" available="true" default="2" liveUpdate="true" max="5" min="1" refUID="5401"/>
      <option access="readWrite" available="true" default="0" liveUpdate="true" max="2" min="0" refUID="5402"/>
    </program>
    <!--Cooking.Common.Program.Hood.Automatic -->
    <program available="true" execution="selectAndStart" uid="5502"/>
    <!--Cooking.Common.Program.Hood.DelayedShutOff -->
    <program available="true" execution="selectAndStart" uid="5503">
      <option access="readWrite" available="true" default="1" liveUpdate="true" max="5" min="1" refUID="5401"/>
    </program>
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" available="true" fullOptionSet="false" uid="0100"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" available="true" fullOptionSet="false" uid="0101"/>
  <enumerationTypeList>
${commonEnumerationTypes}
    <!--Cooking.Hood.EnumType.Stage.FanStage -->
    <enumerationType enid="5001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/></enumerationType>
    <!--Cooking.Hood.EnumType.IntensiveStage.IntensiveStage -->
    <enumerationType enid="5002"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const hoodFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, hoodDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="5001" enumKey="Cooking.Hood.EnumType.Stage.FanStage">
      <enumMember refValue="0">FanOff</enumMember>
      <enumMember refValue="1">FanStage01</enumMember>
      <enumMember refValue="2">FanStage02</enumMember>
      <enumMember refValue="3">FanStage03</enumMember>
      <enumMember refValue="4">FanStage04</enumMember>
      <enumMember refValue="5">FanStage05</enumMember>
    </enumDescription>
    <enumDescription refENID="5002" enumKey="Cooking.Hood.EnumType.IntensiveStage.IntensiveStage">
      <enumMember refValue="0">IntensiveStageOff</enumMember>
      <enumMember refValue="1">IntensiveStage1</enumMember>
      <enumMember refValue="2">IntensiveStage2</enumMember>
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo hood as a stored record. Key = ASCII "HCLOCAL-DEMO-HOOD-AES-KEY-000005", iv = "HCLOCAL-DEMO-IV5". */
export const demoHood: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOLC1-000000000005',
  name: 'hood',
  brand: 'HCLOCAL',
  type: 'Hood',
  vib: 'DEMO-LC1',
  host: '127.0.0.1',
  connectionType: 'AES',
  key: Buffer.from('HCLOCAL-DEMO-HOOD-AES-KEY-000005', 'ascii').toString('base64url'),
  iv: Buffer.from('HCLOCAL-DEMO-IV5', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-05',
  serialNumber: 'DEMO00000000000005',
  deviceDescription: hoodDeviceDescription,
  featureMapping: hoodFeatureMapping,
};
