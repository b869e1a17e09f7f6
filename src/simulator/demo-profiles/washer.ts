/**
 * Demo washer (AES). Written for this project in the format of real cloud profiles
 * (protocol.md §4.1/§4.2); uids of common features match real appliances (§4.3). Programs carry
 * per-program option overrides (max temperature / spin speed, defaults); FinishInRelative has
 * access none at list level and readWrite inside each program. Key and iv are obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';

export const washerDeviceDescription = `<?xml version="1.0" encoding="UTF-8"?>
<device xmlns="http://www.home-connect.com/schemas/DeviceDescription/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" treatment="lazy" xsi:schemaLocation="http://www.home-connect.com/schemas/DeviceDescription/20140417 HC_INT_BSH_DeviceDescription.xsd">
  <!-- BSH "Remote Operation" content type declarations ("cidList") -->
  <xi:include href="HC_INT_BSH_CTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_CTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" data type declarations ("didList") -->
  <xi:include href="HC_INT_BSH_DTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" device/appliance type declarations ("devList") -->
  <xi:include href="HC_INT_BSH_DEV.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DEV.xml" not found</error></xi:fallback></xi:include>
  <description>
    <type>Washer</type>
    <brand>HCLOCAL</brand>
    <model>DEMO-WM1</model>
    <version>2</version>
    <revision>1</revision>
    <pairableDeviceTypes><deviceType>Application</deviceType></pairableDeviceTypes>
  </description>
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
    <!--BSH.Common.Status.WiFiSignalStrength -->
    <status access="read" available="true" initValue="-60" notifyOnChange="false" refCID="12" refDID="84" uid="001B"/>
    <!--BSH.Common.Status.BackendConnected -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0005"/>
    <!--BSH.Common.Status.DoorState -->
    <status access="read" available="true" enumerationType="0201" initValue="1" refCID="03" refDID="80" uid="020F"/>
    <!--BSH.Common.Status.OperationState -->
    <status access="read" available="true" enumerationType="0203" initValue="1" refCID="03" refDID="80" uid="0228"/>
    <!--BSH.Common.Status.RemoteControlActive -->
    <status access="read" available="true" initValue="true" refCID="01" refDID="00" uid="020B"/>
    <!--BSH.Common.Status.RemoteControlStartAllowed -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0205"/>
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
    <!--LaundryCare.Common.Status.LoadInformation -->
    <status access="read" available="true" initValue="0" max="10000" min="0" refCID="13" refDID="81" stepSize="100" uid="2A02"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="readWrite" available="true" enumerationType="0204" initValue="2" refCID="03" refDID="80" uid="021B"/>
    <!--BSH.Common.Setting.ChildLock -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="020C"/>
    <!--LaundryCare.Common.Setting.SignalVolume -->
    <setting access="readWrite" available="true" enumerationType="3A01" initValue="2" refCID="03" refDID="80" uid="3A01"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--BSH.Common.Event.ProgramAborted -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0221"/>
    <!--BSH.Common.Event.AquaStopOccured -->
    <event enumerationType="0001" handling="none" level="critical" refCID="03" refDID="80" uid="020D"/>
    <!--BSH.Common.Event.LowWaterPressure -->
    <event enumerationType="0001" handling="none" level="alert" refCID="03" refDID="80" uid="021F"/>
    <!--LaundryCare.Washer.Event.DrumCleanReminder -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="4005"/>
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
    <!--BSH.Common.Command.ApplyFactoryReset -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0229"/>
    <!--LaundryCare.Common.CommandList.RemoteStart -->
    <commandList access="writeOnly" available="true" uid="151A">
      <!--BSH.Common.Command.PauseProgram -->
      <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0219"/>
      <!--BSH.Common.Command.ResumeProgram -->
      <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0222"/>
    </commandList>
  </commandList>
  <!--BSH.Common.Root.OptionList -->
  <optionList access="readWrite" available="true" uid="0106">
    <!--LaundryCare.Common.OptionList.ActiveStatus -->
    <optionList access="read" available="true" uid="161B">
      <!--BSH.Common.Option.ProgramProgress -->
      <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" stepSize="1" uid="021E"/>
      <!--BSH.Common.Option.RemainingProgramTime -->
      <option access="read" available="true" initValue="0" max="21600" min="0" refCID="10" refDID="82" stepSize="60" uid="0220"/>
      <!--BSH.Common.Option.RemainingProgramTimeIsEstimated -->
      <option access="read" available="true" initValue="true" refCID="01" refDID="00" uid="0225"/>
    </optionList>
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
    <!--BSH.Common.EnumType.EventPresentState -->
    <enumerationType enid="0001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--BSH.Common.EnumType.DoorState -->
    <enumerationType enid="0201"><enumeration value="0"/><enumeration value="1"/></enumerationType>
    <!--BSH.Common.EnumType.OperationState -->
    <enumerationType enid="0203"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/><enumeration value="8"/></enumerationType>
    <!--BSH.Common.EnumType.PowerState -->
    <enumerationType enid="0204"><enumeration value="1"/><enumeration value="2"/></enumerationType>
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

export const washerFeatureMapping = `<?xml version="1.0" encoding="utf-8"?>
<featureMappingFile xmlns="http://www.home-connect.com/schemas/FeatureMapping/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.home-connect.com/schemas/FeatureMapping/20140417 HC_INT_BSH_FeatureMapping.xsd">
  <xi:include href="HC_INT_PDC_DEMO-WM1_2-1_DeviceDescription.xml" parse="xml">
    <xi:fallback><error>xinclude error: file "HC_INT_PDC_DEMO-WM1_2-1_DeviceDescription.xml" not found</error></xi:fallback>
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
    <feature refUID="0217">BSH.Common.Status.LocalControlActive</feature>
    <feature refUID="0219">BSH.Common.Command.PauseProgram</feature>
    <feature refUID="021B">BSH.Common.Setting.PowerState</feature>
    <feature refUID="021C">BSH.Common.Event.ProgramFinished</feature>
    <feature refUID="021E">BSH.Common.Option.ProgramProgress</feature>
    <feature refUID="021F">BSH.Common.Event.LowWaterPressure</feature>
    <feature refUID="0220">BSH.Common.Option.RemainingProgramTime</feature>
    <feature refUID="0221">BSH.Common.Event.ProgramAborted</feature>
    <feature refUID="0222">BSH.Common.Command.ResumeProgram</feature>
    <feature refUID="0225">BSH.Common.Option.RemainingProgramTimeIsEstimated</feature>
    <feature refUID="0227">BSH.Common.Option.FinishInRelative</feature>
    <feature refUID="0228">BSH.Common.Status.OperationState</feature>
    <feature refUID="0229">BSH.Common.Command.ApplyFactoryReset</feature>
    <feature refUID="0231">BSH.Common.Option.EnergyForecast</feature>
    <feature refUID="0232">BSH.Common.Option.WaterForecast</feature>
    <feature refUID="151A">LaundryCare.Common.CommandList.RemoteStart</feature>
    <feature refUID="161A">LaundryCare.Common.OptionList.SelectedStatus</feature>
    <feature refUID="161B">LaundryCare.Common.OptionList.ActiveStatus</feature>
    <feature refUID="161C">LaundryCare.Common.OptionList.RemoteStart</feature>
    <feature refUID="161D">LaundryCare.Common.OptionList.Options</feature>
    <feature refUID="1710">LaundryCare.Common.ProgramGroup.Favorites</feature>
    <feature refUID="2A02">LaundryCare.Common.Status.LoadInformation</feature>
    <feature refUID="3A01">LaundryCare.Common.Setting.SignalVolume</feature>
    <feature refUID="4005">LaundryCare.Washer.Event.DrumCleanReminder</feature>
    <feature refUID="6001">LaundryCare.Washer.Option.Temperature</feature>
    <feature refUID="6002">LaundryCare.Washer.Option.SpinSpeed</feature>
    <feature refUID="6006">LaundryCare.Washer.Option.Prewash</feature>
    <feature refUID="6007">LaundryCare.Washer.Option.RinsePlus</feature>
    <feature refUID="600A">LaundryCare.Washer.Option.SilentWash</feature>
    <feature refUID="6103">LaundryCare.Washer.Option.SpeedPerfect</feature>
    <feature refUID="7001">LaundryCare.Washer.Program.Cotton</feature>
    <feature refUID="7002">LaundryCare.Washer.Program.EasyCare</feature>
    <feature refUID="7003">LaundryCare.Washer.Program.Mix</feature>
    <feature refUID="7004">LaundryCare.Washer.Program.DelicatesSilk</feature>
    <feature refUID="7005">LaundryCare.Washer.Program.Wool</feature>
    <feature refUID="7012">LaundryCare.Washer.Program.DrumClean</feature>
    <feature refUID="7014">LaundryCare.Washer.Program.Rinse</feature>
    <feature refUID="7015">LaundryCare.Washer.Program.Spin</feature>
    <feature refUID="7030">LaundryCare.Washer.Program.Quick15</feature>
    <feature refUID="7A01">LaundryCare.Common.Program.Memory1</feature>
    <feature refUID="7A02">LaundryCare.Common.Program.Memory2</feature>
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
    <error refEID="021E">BSH.Common.Error.BackendNotConnected</error>
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
