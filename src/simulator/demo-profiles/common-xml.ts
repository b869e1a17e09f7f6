/**
 * XML fragments the demo profiles share: the document heads, the BSH.Common features every
 * appliance declares (protocol.md §4.3), their enums and the common error table. Each demo file
 * keeps only what is specific to its appliance. Fragments are whole lines (indent included, no
 * final newline), each placed on its own line so a demo file reads as the XML it produces.
 */

/** Identity shown in the `<description>` block and in the feature mapping's include name. */
export interface DemoIdentity {
  type: string;
  brand: string;
  model: string;
  version: number;
  revision: number;
}

/** `<?xml …?>`, the `<device>` root with its three includes, and the `<description>` block. */
export function deviceDescriptionHead(id: DemoIdentity): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<device xmlns="http://www.home-connect.com/schemas/DeviceDescription/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" treatment="lazy" xsi:schemaLocation="http://www.home-connect.com/schemas/DeviceDescription/20140417 HC_INT_BSH_DeviceDescription.xsd">
  <!-- BSH "Remote Operation" content type declarations ("cidList") -->
  <xi:include href="HC_INT_BSH_CTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_CTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" data type declarations ("didList") -->
  <xi:include href="HC_INT_BSH_DTD.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DTD.xml" not found</error></xi:fallback></xi:include>
  <!-- BSH "Remote Operation" device/appliance type declarations ("devList") -->
  <xi:include href="HC_INT_BSH_DEV.xml" parse="xml"><xi:fallback><error>xinclude error: file "HC_INT_BSH_DEV.xml" not found</error></xi:fallback></xi:include>
  <description>
    <type>${id.type}</type>
    <brand>${id.brand}</brand>
    <model>${id.model}</model>
    <version>${id.version}</version>
    <revision>${id.revision}</revision>
    <pairableDeviceTypes><deviceType>Application</deviceType></pairableDeviceTypes>
  </description>`;
}

/** The six common status entries; only the start values differ (appliances without a door omit DoorState). */
export function commonStatuses(init: { wifiSignalStrength: number; remoteControlStartAllowed: boolean; door?: boolean }): string {
  const door =
    init.door === false
      ? ''
      : `
    <!--BSH.Common.Status.DoorState -->
    <status access="read" available="true" enumerationType="0201" initValue="1" refCID="03" refDID="80" uid="020F"/>`;
  return `    <!--BSH.Common.Status.WiFiSignalStrength -->
    <status access="read" available="true" initValue="${init.wifiSignalStrength}" notifyOnChange="false" refCID="12" refDID="84" uid="001B"/>
    <!--BSH.Common.Status.BackendConnected -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0005"/>${door}
    <!--BSH.Common.Status.OperationState -->
    <status access="read" available="true" enumerationType="0203" initValue="1" refCID="03" refDID="80" uid="0228"/>
    <!--BSH.Common.Status.RemoteControlActive -->
    <status access="read" available="true" initValue="true" refCID="01" refDID="00" uid="020B"/>
    <!--BSH.Common.Status.RemoteControlStartAllowed -->
    <status access="read" available="true" initValue="${init.remoteControlStartAllowed}" refCID="01" refDID="00" uid="0205"/>`;
}

export const commonSettings = `    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="readWrite" available="true" enumerationType="0204" initValue="2" refCID="03" refDID="80" uid="021B"/>
    <!--BSH.Common.Setting.ChildLock -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="020C"/>`;

/** The five common events; appliances differ in whether ProgramFinished must be acknowledged. */
export function commonEvents(programFinishedHandling: 'none' | 'acknowledge'): string {
  return `    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="${programFinishedHandling}" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--BSH.Common.Event.ProgramAborted -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0221"/>
    <!--BSH.Common.Event.AquaStopOccured -->
    <event enumerationType="0001" handling="none" level="critical" refCID="03" refDID="80" uid="020D"/>
    <!--BSH.Common.Event.LowWaterPressure -->
    <event enumerationType="0001" handling="none" level="alert" refCID="03" refDID="80" uid="021F"/>`;
}

/** The first four entries of every command list (wifi off, event acknowledge/reject, abort). */
export const commonCommands = `    <!--BSH.Common.Command.DeactivateWiFi -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0001"/>
    <!--BSH.Common.Command.AcknowledgeEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0006"/>
    <!--BSH.Common.Command.RejectEvent -->
    <command access="writeOnly" available="true" refCID="15" refDID="81" uid="0010"/>
    <!--BSH.Common.Command.AbortProgram -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0200"/>`;

export const factoryResetCommand = `    <!--BSH.Common.Command.ApplyFactoryReset -->
    <command access="writeOnly" available="true" refCID="01" refDID="00" uid="0229"/>`;

/** Value declarations of the common enums (event state, door, operation state, power). */
export const commonEnumerationTypes = `    <!--BSH.Common.EnumType.EventPresentState -->
    <enumerationType enid="0001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--BSH.Common.EnumType.DoorState -->
    <enumerationType enid="0201"><enumeration value="0"/><enumeration value="1"/></enumerationType>
    <!--BSH.Common.EnumType.OperationState -->
    <enumerationType enid="0203"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/><enumeration value="8"/></enumerationType>
    <!--BSH.Common.EnumType.PowerState -->
    <enumerationType enid="0204"><enumeration value="1"/><enumeration value="2"/></enumerationType>`;

/** `<?xml …?>`, the `<featureMappingFile>` root and its include of the matching device description. */
export function featureMappingHead(id: DemoIdentity): string {
  const file = `HC_INT_PDC_${id.model}_${id.version}-${id.revision}_DeviceDescription.xml`;
  return `<?xml version="1.0" encoding="utf-8"?>
<featureMappingFile xmlns="http://www.home-connect.com/schemas/FeatureMapping/20140417" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.home-connect.com/schemas/FeatureMapping/20140417 HC_INT_BSH_FeatureMapping.xsd">
  <xi:include href="${file}" parse="xml">
    <xi:fallback><error>xinclude error: file "${file}" not found</error></xi:fallback>
  </xi:include>`;
}

/** uid (4 hex digits) -> name of the common features of the demo appliances (each keeps those it declares). */
const commonFeatureNames: ReadonlyArray<readonly [string, string]> = [
  ['0001', 'BSH.Common.Command.DeactivateWiFi'],
  ['0003', 'BSH.Common.Setting.AllowBackendConnection'],
  ['0005', 'BSH.Common.Status.BackendConnected'],
  ['0006', 'BSH.Common.Command.AcknowledgeEvent'],
  ['0010', 'BSH.Common.Command.RejectEvent'],
  ['0015', 'BSH.Common.Event.SoftwareUpdateAvailable'],
  ['001B', 'BSH.Common.Status.WiFiSignalStrength'],
  ['0100', 'BSH.Common.Root.ActiveProgram'],
  ['0101', 'BSH.Common.Root.SelectedProgram'],
  ['0102', 'BSH.Common.Root.StatusList'],
  ['0103', 'BSH.Common.Root.SettingList'],
  ['0104', 'BSH.Common.Root.EventList'],
  ['0105', 'BSH.Common.Root.CommandList'],
  ['0106', 'BSH.Common.Root.OptionList'],
  ['0107', 'BSH.Common.Root.ProgramGroup'],
  ['0200', 'BSH.Common.Command.AbortProgram'],
  ['0205', 'BSH.Common.Status.RemoteControlStartAllowed'],
  ['020B', 'BSH.Common.Status.RemoteControlActive'],
  ['020C', 'BSH.Common.Setting.ChildLock'],
  ['020D', 'BSH.Common.Event.AquaStopOccured'],
  ['020F', 'BSH.Common.Status.DoorState'],
  ['0219', 'BSH.Common.Command.PauseProgram'],
  ['021B', 'BSH.Common.Setting.PowerState'],
  ['021C', 'BSH.Common.Event.ProgramFinished'],
  ['021E', 'BSH.Common.Option.ProgramProgress'],
  ['021F', 'BSH.Common.Event.LowWaterPressure'],
  ['0220', 'BSH.Common.Option.RemainingProgramTime'],
  ['0221', 'BSH.Common.Event.ProgramAborted'],
  ['0222', 'BSH.Common.Command.ResumeProgram'],
  ['0225', 'BSH.Common.Option.RemainingProgramTimeIsEstimated'],
  ['0228', 'BSH.Common.Status.OperationState'],
  ['0229', 'BSH.Common.Command.ApplyFactoryReset'],
  ['0231', 'BSH.Common.Option.EnergyForecast'],
  ['0232', 'BSH.Common.Option.WaterForecast'],
];

/**
 * The `<featureDescription>` block: the common names plus the appliance's own, ordered by uid
 * as in real feature mappings. With `deviceDescription`, only the common names whose uid that
 * description declares are kept (appliances without programs name no program roots).
 */
export function featureDescription(own: ReadonlyArray<readonly [string, string]>, deviceDescription?: string): string {
  const common = deviceDescription ? commonFeatureNames.filter(([uid]) => deviceDescription.includes(`uid="${uid}"`)) : commonFeatureNames;
  const all = [...common, ...own].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = all.map(([uid, name]) => `    <feature refUID="${uid}">${name}</feature>`);
  return ['  <featureDescription>', ...lines, '  </featureDescription>'].join('\n');
}

/** The common error table (HTTP-like codes and BSH.Common.Error.*), one line per error. */
export const commonErrors = `    <error refEID="00C8">BSH.Common.Error.200.OK</error>
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
    <error refEID="021D">BSH.Common.Error.ProcessStateNotCompliant</error>`;

/** Member names of the common enums, matching {@link commonEnumerationTypes}. */
export const commonEnumDescriptions = `    <enumDescription refENID="0001" enumKey="BSH.Common.EnumType.EventPresentState">
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
    </enumDescription>`;

/**
 * The end of a laundry appliance's command list (pause/resume under RemoteStart) and the start of its option
 * list with the ActiveStatus options, as washers and dryers share them.
 */
export const laundryRemoteStartAndActiveStatus = `    <!--LaundryCare.Common.CommandList.RemoteStart -->
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
    </optionList>`;
