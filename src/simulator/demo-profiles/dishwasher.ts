/**
 * Demo dishwasher (TLS). Written for this project in the format of real cloud profiles
 * (protocol.md §4.1/§4.2); uids of common features match real appliances (§4.3). Used by the
 * simulator, the `npm start` demo and tests. The key is obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';

export const dishwasherDeviceDescription = `<?xml version="1.0" encoding="UTF-8"?>
<device xmlns="http://www.home-connect.com/schemas/DeviceDescription/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" treatment="lazy" xsi:schemaLocation="http://www.home-connect.com/schemas/DeviceDescription/20140417 HC_INT_BSH_DeviceDescription.xsd">
  <!-- BSH "Remote Operation" content type declarations ("cidList") -->
  <xi:include href="HC_INT_BSH_CTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_CTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" data type declarations ("didList") -->
  <xi:include href="HC_INT_BSH_DTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" device/appliance type declarations ("devList") -->
  <xi:include href="HC_INT_BSH_DEV.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DEV.xml" not found</error></xi:fallback></xi:include>
  <description>
    <type>Dishwasher</type>
    <brand>HCLOCAL</brand>
    <model>DEMO-DW1</model>
    <version>1</version>
    <revision>0</revision>
    <pairableDeviceTypes><deviceType>Application</deviceType></pairableDeviceTypes>
  </description>
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
    <!--BSH.Common.Status.WiFiSignalStrength -->
    <status access="read" available="true" initValue="-50" notifyOnChange="false" refCID="12" refDID="84" uid="001B"/>
    <!--BSH.Common.Status.BackendConnected -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0005"/>
    <!--BSH.Common.Status.DoorState -->
    <status access="read" available="true" enumerationType="0201" initValue="1" refCID="03" refDID="80" uid="020F"/>
    <!--BSH.Common.Status.OperationState -->
    <status access="read" available="true" enumerationType="0203" initValue="1" refCID="03" refDID="80" uid="0228"/>
    <!--BSH.Common.Status.RemoteControlActive -->
    <status access="read" available="true" initValue="true" refCID="01" refDID="00" uid="020B"/>
    <!--BSH.Common.Status.RemoteControlStartAllowed -->
    <status access="read" available="true" initValue="true" refCID="01" refDID="00" uid="0205"/>
    <!--Dishcare.Dishwasher.Status.ProgramPhase -->
    <status access="read" available="true" enumerationType="1005" initValue="0" refCID="03" refDID="80" uid="1000"/>
    <!--Dishcare.Dishwasher.Status.WaterTemperature -->
    <status access="read" available="true" initValue="20" max="80" min="0" refCID="07" refDID="A1" uid="1010"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="readWrite" available="true" enumerationType="0204" initValue="2" refCID="03" refDID="80" uid="021B"/>
    <!--BSH.Common.Setting.ChildLock -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="020C"/>
    <!--Dishcare.Dishwasher.Setting.RinseAid -->
    <setting access="readWrite" available="true" enumerationType="1000" initValue="3" refCID="03" refDID="80" uid="1102"/>
    <!--Dishcare.Dishwasher.Setting.WaterHardness -->
    <setting access="readWrite" available="true" enumerationType="1009" initValue="4" refCID="03" refDID="80" uid="110F"/>
    <!--Dishcare.Dishwasher.Setting.ExtraDry -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="1104"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--BSH.Common.Event.ProgramAborted -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0221"/>
    <!--BSH.Common.Event.AquaStopOccured -->
    <event enumerationType="0001" handling="none" level="critical" refCID="03" refDID="80" uid="020D"/>
    <!--BSH.Common.Event.LowWaterPressure -->
    <event enumerationType="0001" handling="none" level="alert" refCID="03" refDID="80" uid="021F"/>
    <!--Dishcare.Dishwasher.Event.SaltLack -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="1210"/>
    <!--Dishcare.Dishwasher.Event.RinseAidLack -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="1211"/>
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
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0200"/>
    <!--BSH.Common.Command.PauseProgram -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0219"/>
    <!--BSH.Common.Command.ResumeProgram -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0222"/>
    <!--BSH.Common.Command.ApplyFactoryReset -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0229"/>
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
    <!--BSH.Common.EnumType.EventPresentState -->
    <enumerationType enid="0001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--BSH.Common.EnumType.DoorState -->
    <enumerationType enid="0201"><enumeration value="0"/><enumeration value="1"/></enumerationType>
    <!--BSH.Common.EnumType.OperationState -->
    <enumerationType enid="0203"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/><enumeration value="8"/></enumerationType>
    <!--BSH.Common.EnumType.PowerState -->
    <enumerationType enid="0204"><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--Dishcare.Dishwasher.EnumType.RinseAid -->
    <enumerationType enid="1000"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/></enumerationType>
    <!--Dishcare.Dishwasher.EnumType.ProgramPhase -->
    <enumerationType enid="1005"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/></enumerationType>
    <!--Dishcare.Dishwasher.EnumType.WaterHardness -->
    <enumerationType enid="1009"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const dishwasherFeatureMapping = `<?xml version="1.0" encoding="utf-8"?>
<featureMappingFile xmlns="http://www.home-connect.com/schemas/FeatureMapping/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.home-connect.com/schemas/FeatureMapping/20140417 HC_INT_BSH_FeatureMapping.xsd">
  <xi:include href="HC_INT_PDC_DEMO-DW1_1-0_DeviceDescription.xml" parse="xml">
    <xi:fallback><error>xinclude error: file "HC_INT_PDC_DEMO-DW1_1-0_DeviceDescription.xml" not found</error></xi:fallback>
  </xi:include>
  <featureDescription>
    <feature refUID="0001">BSH.Common.Command.DeactivateWiFi</feature>
    <feature refUID="0003">BSH.Common.Setting.AllowBackendConnection</feature>
    <feature refUID="0005">BSH.Common.Status.BackendConnected</feature>
    <feature refUID="0006">BSH.Common.Command.AcknowledgeEvent</feature>
    <feature refUID="0010">BSH.Common.Command.RejectEvent</feature>
    <feature refUID="0015">BSH.Common.Event.SoftwareUpdateAvailable</feature>
    <feature refUID="001B">BSH.Common.Status.WiFiSignalStrength</feature>
    <feature refUID="0100">BSH.Common.Root.ActiveProgram</feature>
    <feature refUID="0101">BSH.Common.Root.SelectedProgram</feature>
    <feature refUID="0102">BSH.Common.Root.StatusList</feature>
    <feature refUID="0103">BSH.Common.Root.SettingList</feature>
    <feature refUID="0104">BSH.Common.Root.EventList</feature>
    <feature refUID="0105">BSH.Common.Root.CommandList</feature>
    <feature refUID="0106">BSH.Common.Root.OptionList</feature>
    <feature refUID="0107">BSH.Common.Root.ProgramGroup</feature>
    <feature refUID="0200">BSH.Common.Command.AbortProgram</feature>
    <feature refUID="0205">BSH.Common.Status.RemoteControlStartAllowed</feature>
    <feature refUID="020B">BSH.Common.Status.RemoteControlActive</feature>
    <feature refUID="020C">BSH.Common.Setting.ChildLock</feature>
    <feature refUID="020D">BSH.Common.Event.AquaStopOccured</feature>
    <feature refUID="020F">BSH.Common.Status.DoorState</feature>
    <feature refUID="0219">BSH.Common.Command.PauseProgram</feature>
    <feature refUID="021B">BSH.Common.Setting.PowerState</feature>
    <feature refUID="021C">BSH.Common.Event.ProgramFinished</feature>
    <feature refUID="021E">BSH.Common.Option.ProgramProgress</feature>
    <feature refUID="021F">BSH.Common.Event.LowWaterPressure</feature>
    <feature refUID="0220">BSH.Common.Option.RemainingProgramTime</feature>
    <feature refUID="0221">BSH.Common.Event.ProgramAborted</feature>
    <feature refUID="0222">BSH.Common.Command.ResumeProgram</feature>
    <feature refUID="0225">BSH.Common.Option.RemainingProgramTimeIsEstimated</feature>
    <feature refUID="0228">BSH.Common.Status.OperationState</feature>
    <feature refUID="0229">BSH.Common.Command.ApplyFactoryReset</feature>
    <feature refUID="022E">BSH.Common.Option.StartInRelative</feature>
    <feature refUID="0231">BSH.Common.Option.EnergyForecast</feature>
    <feature refUID="0232">BSH.Common.Option.WaterForecast</feature>
    <feature refUID="1000">Dishcare.Dishwasher.Status.ProgramPhase</feature>
    <feature refUID="1010">Dishcare.Dishwasher.Status.WaterTemperature</feature>
    <feature refUID="1102">Dishcare.Dishwasher.Setting.RinseAid</feature>
    <feature refUID="1104">Dishcare.Dishwasher.Setting.ExtraDry</feature>
    <feature refUID="110F">Dishcare.Dishwasher.Setting.WaterHardness</feature>
    <feature refUID="1210">Dishcare.Dishwasher.Event.SaltLack</feature>
    <feature refUID="1211">Dishcare.Dishwasher.Event.RinseAidLack</feature>
    <feature refUID="1406">Dishcare.Dishwasher.Option.IntensivZone</feature>
    <feature refUID="1407">Dishcare.Dishwasher.Option.VarioSpeedPlus</feature>
    <feature refUID="1408">Dishcare.Dishwasher.Option.BrillianceDry</feature>
    <feature refUID="2000">Dishcare.Dishwasher.Program.Intensiv70</feature>
    <feature refUID="2003">Dishcare.Dishwasher.Program.Auto2</feature>
    <feature refUID="2004">Dishcare.Dishwasher.Program.Eco50</feature>
    <feature refUID="2005">Dishcare.Dishwasher.Program.Glas40</feature>
    <feature refUID="2007">Dishcare.Dishwasher.Program.Quick45</feature>
    <feature refUID="2008">Dishcare.Dishwasher.Program.PreRinse</feature>
    <feature refUID="2017">Dishcare.Dishwasher.Program.MachineCare</feature>
    <feature refUID="EFF1">Dishcare.Dishwasher.OptionList.Options</feature>
  </featureDescription>
  <errorDescription>
    <error refEID="00C8">BSH.Common.Error.200.OK</error>
    <error refEID="00CA">BSH.Common.Error.202.Accepted</error>
    <error refEID="0190">BSH.Common.Error.400.BadRequest</error>
    <error refEID="0193">BSH.Common.Error.403.Forbidden</error>
    <error refEID="0194">BSH.Common.Error.404.NotFound</error>
    <error refEID="0195">BSH.Common.Error.405.MethodNotAllowed</error>
    <error refEID="019D">BSH.Common.Error.413.RequestEntityTooLong</error>
    <error refEID="01AD">BSH.Common.Error.429.TooManyRequests</error>
    <error refEID="01F4">BSH.Common.Error.500.InternalServerError</error>
    <error refEID="01F5">BSH.Common.Error.501.NotImplemented</error>
    <error refEID="01F7">BSH.Common.Error.503.ServiceUnavailable</error>
    <error refEID="0200">BSH.Common.Error.UnknownUID</error>
    <error refEID="0201">BSH.Common.Error.WriteRequest.UnknownUID</error>
    <error refEID="0202">BSH.Common.Error.ReadRequest.UnknownUID</error>
    <error refEID="0203">BSH.Common.Error.Busy</error>
    <error refEID="0204">BSH.Common.Error.WriteRequest.Busy</error>
    <error refEID="0206">BSH.Common.Error.NoAccess</error>
    <error refEID="0207">BSH.Common.Error.WriteRequest.NoAccess</error>
    <error refEID="0208">BSH.Common.Error.ReadRequest.NoAccess</error>
    <error refEID="020C">BSH.Common.Error.NotAvailable</error>
    <error refEID="020D">BSH.Common.Error.WriteRequest.NotAvailable</error>
    <error refEID="0212">BSH.Common.Error.NoExecution</error>
    <error refEID="0213">BSH.Common.Error.ValueOutOfRange</error>
    <error refEID="0214">BSH.Common.Error.InvalidUIDValue</error>
    <error refEID="0215">BSH.Common.Error.Incomplete</error>
    <error refEID="0216">BSH.Common.Error.Inconsistent</error>
    <error refEID="0217">BSH.Common.Error.CmdViolation</error>
    <error refEID="0218">BSH.Common.Error.InvalidFormat</error>
    <error refEID="0219">BSH.Common.Error.RemoteControlNotActive</error>
    <error refEID="021A">BSH.Common.Error.RemoteStartNotActive</error>
    <error refEID="021B">BSH.Common.Error.LockedByLocalControl</error>
    <error refEID="021C">BSH.Common.Error.DeviceStateNotCompliant</error>
    <error refEID="021D">BSH.Common.Error.ProcessStateNotCompliant</error>
  </errorDescription>
  <enumDescriptionList>
    <enumDescription refENID="0001" enumKey="BSH.Common.EnumType.EventPresentState">
      <enumMember refValue="0">Off</enumMember>
      <enumMember refValue="1">Present</enumMember>
      <enumMember refValue="2">Confirmed</enumMember>
    </enumDescription>
    <enumDescription refENID="0201" enumKey="BSH.Common.EnumType.DoorState">
      <enumMember refValue="0">Open</enumMember>
      <enumMember refValue="1">Closed</enumMember>
    </enumDescription>
    <enumDescription refENID="0203" enumKey="BSH.Common.EnumType.OperationState">
      <enumMember refValue="0">Inactive</enumMember>
      <enumMember refValue="1">Ready</enumMember>
      <enumMember refValue="2">DelayedStart</enumMember>
      <enumMember refValue="3">Run</enumMember>
      <enumMember refValue="4">Pause</enumMember>
      <enumMember refValue="5">ActionRequired</enumMember>
      <enumMember refValue="6">Finished</enumMember>
      <enumMember refValue="7">Error</enumMember>
      <enumMember refValue="8">Aborting</enumMember>
    </enumDescription>
    <enumDescription refENID="0204" enumKey="BSH.Common.EnumType.PowerState">
      <enumMember refValue="0">MainsOff</enumMember>
      <enumMember refValue="1">Off</enumMember>
      <enumMember refValue="2">On</enumMember>
      <enumMember refValue="3">Standby</enumMember>
    </enumDescription>
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
