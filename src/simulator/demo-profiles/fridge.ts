/**
 * Demo fridge-freezer (TLS). No programs (no program group, no program roots): setpoint
 * temperatures per compartment (the freezer's are negative, hence a signed data type), super
 * modes, eco and vacation mode, a door per compartment, and door alarms as events that the
 * simulator raises while a door stays open. Key is obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';
import {
  commonEnumDescriptions,
  commonErrors,
  deviceDescriptionHead,
  featureDescription,
  featureMappingHead,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'FridgeFreezer', brand: 'HCLOCAL', model: 'DEMO-KG1', version: 5, revision: 1 };

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['4001', 'Refrigeration.Common.Status.Door.Refrigerator'],
  ['4002', 'Refrigeration.Common.Status.Door.Freezer'],
  ['4003', 'Refrigeration.FridgeFreezer.Status.CurrentTemperatureRefrigerator'],
  ['4004', 'Refrigeration.FridgeFreezer.Status.CurrentTemperatureFreezer'],
  ['4101', 'Refrigeration.FridgeFreezer.Setting.SetpointTemperatureRefrigerator'],
  ['4102', 'Refrigeration.FridgeFreezer.Setting.SetpointTemperatureFreezer'],
  ['4103', 'Refrigeration.FridgeFreezer.Setting.SuperModeRefrigerator'],
  ['4104', 'Refrigeration.FridgeFreezer.Setting.SuperModeFreezer'],
  ['4105', 'Refrigeration.Common.Setting.EcoMode'],
  ['4106', 'Refrigeration.Common.Setting.VacationMode'],
  ['4201', 'Refrigeration.FridgeFreezer.Event.DoorAlarmRefrigerator'],
  ['4202', 'Refrigeration.FridgeFreezer.Event.DoorAlarmFreezer'],
  ['4203', 'Refrigeration.FridgeFreezer.Event.TemperatureAlarmFreezer'],
];

export const fridgeDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
    <!--BSH.Common.Status.WiFiSignalStrength -->
    <status access="read" available="true" initValue="-58" notifyOnChange="false" refCID="12" refDID="84" uid="001B"/>
    <!--BSH.Common.Status.BackendConnected -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0005"/>
    <!--Refrigeration.Common.Status.Door.Refrigerator -->
    <status access="read" available="true" enumerationType="0201" initValue="1" refCID="03" refDID="80" uid="4001"/>
    <!--Refrigeration.Common.Status.Door.Freezer -->
    <status access="read" available="true" enumerationType="0201" initValue="1" refCID="03" refDID="80" uid="4002"/>
    <!--Refrigeration.FridgeFreezer.Status.CurrentTemperatureRefrigerator -->
    <status access="read" available="true" initValue="4" max="30" min="-5" refCID="07" refDID="A4" uid="4003"/>
    <!--Refrigeration.FridgeFreezer.Status.CurrentTemperatureFreezer -->
    <status access="read" available="true" initValue="-18" max="30" min="-40" refCID="07" refDID="A4" uid="4004"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--Refrigeration.FridgeFreezer.Setting.SetpointTemperatureRefrigerator -->
    <setting access="readWrite" available="true" initValue="4" max="8" min="2" refCID="07" refDID="A4" stepSize="1" uid="4101"/>
    <!--Refrigeration.FridgeFreezer.Setting.SetpointTemperatureFreezer -->
    <setting access="readWrite" available="true" initValue="-18" max="-16" min="-24" refCID="07" refDID="A4" stepSize="1" uid="4102"/>
    <!--Refrigeration.FridgeFreezer.Setting.SuperModeRefrigerator -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="4103"/>
    <!--Refrigeration.FridgeFreezer.Setting.SuperModeFreezer -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="4104"/>
    <!--Refrigeration.Common.Setting.EcoMode -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="4105"/>
    <!--Refrigeration.Common.Setting.VacationMode -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="4106"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--Refrigeration.FridgeFreezer.Event.DoorAlarmRefrigerator -->
    <event enumerationType="0001" handling="none" level="warning" refCID="03" refDID="80" uid="4201"/>
    <!--Refrigeration.FridgeFreezer.Event.DoorAlarmFreezer -->
    <event enumerationType="0001" handling="none" level="warning" refCID="03" refDID="80" uid="4202"/>
    <!--Refrigeration.FridgeFreezer.Event.TemperatureAlarmFreezer -->
    <event enumerationType="0001" handling="acknowledge" level="alert" refCID="03" refDID="80" uid="4203"/>
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
  <enumerationTypeList>
    <!--BSH.Common.EnumType.EventPresentState -->
    <enumerationType enid="0001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--BSH.Common.EnumType.DoorState -->
    <enumerationType enid="0201"><enumeration value="0"/><enumeration value="1"/></enumerationType>
  </enumerationTypeList>
</device>
`;

export const fridgeFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, fridgeDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo fridge-freezer as a stored record. Key = ASCII "HCLOCAL-DEMO-FRIDGE-TLS-KEY-0006". */
export const demoFridge: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOKG1-000000000006',
  name: 'fridge',
  brand: 'HCLOCAL',
  type: 'FridgeFreezer',
  vib: 'DEMO-KG1',
  host: '127.0.0.1',
  connectionType: 'TLS',
  key: Buffer.from('HCLOCAL-DEMO-FRIDGE-TLS-KEY-0006', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-06',
  serialNumber: 'DEMO00000000000006',
  deviceDescription: fridgeDeviceDescription,
  featureMapping: fridgeFeatureMapping,
};
