/**
 * Demo fully automatic coffee machine (TLS). Beverages are programs started directly on
 * ActiveProgram with coffee temperature, bean amount (enumerations) and fill quantity (ml, per
 * beverage range and step); beverage counters per kind count every finished cup. Uids follow
 * the layout of real coffee machine profiles. Key is obviously fake.
 */
import type { ApplianceRecord } from '../../profile/types';
import {
  commonEnumDescriptions,
  commonErrors,
  commonStatuses,
  deviceDescriptionHead,
  featureDescription,
  featureMappingHead,
  type DemoIdentity,
} from './common-xml';

const identity: DemoIdentity = { type: 'CoffeeMaker', brand: 'HCLOCAL', model: 'DEMO-TI1', version: 7, revision: 1 };

const ownFeatures: ReadonlyArray<readonly [string, string]> = [
  ['0217', 'BSH.Common.Status.LocalControlActive'],
  ['1000', 'ConsumerProducts.CoffeeMaker.Status.ProcessPhase'],
  ['1002', 'ConsumerProducts.CoffeeMaker.Status.BeverageCounterRistrettoEspresso'],
  ['1003', 'ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffee'],
  ['1004', 'ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffeeAndMilk'],
  ['1007', 'ConsumerProducts.CoffeeMaker.Status.BeverageCounterHotWater'],
  ['110B', 'ConsumerProducts.CoffeeMaker.Setting.CupWarmer'],
  ['1207', 'ConsumerProducts.CoffeeMaker.Event.DripTrayFull'],
  ['1214', 'ConsumerProducts.CoffeeMaker.Event.BeanContainerEmpty'],
  ['121C', 'ConsumerProducts.CoffeeMaker.Event.RefillEmptyWaterTank'],
  ['1400', 'ConsumerProducts.CoffeeMaker.Option.CoffeeTemperature'],
  ['1401', 'ConsumerProducts.CoffeeMaker.Option.BeanAmount'],
  ['1402', 'ConsumerProducts.CoffeeMaker.Option.FillQuantity'],
  ['2000', 'ConsumerProducts.CoffeeMaker.ProgramGroup.Beverages'],
  ['2010', 'ConsumerProducts.CoffeeMaker.Program.Beverage.Ristretto'],
  ['2011', 'ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso'],
  ['2012', 'ConsumerProducts.CoffeeMaker.Program.Beverage.EspressoMacchiato'],
  ['2013', 'ConsumerProducts.CoffeeMaker.Program.Beverage.Coffee'],
  ['2014', 'ConsumerProducts.CoffeeMaker.Program.Beverage.Cappuccino'],
  ['2015', 'ConsumerProducts.CoffeeMaker.Program.Beverage.LatteMacchiato'],
  ['2016', 'ConsumerProducts.CoffeeMaker.Program.Beverage.CaffeLatte'],
  ['2019', 'ConsumerProducts.CoffeeMaker.Program.Beverage.HotWater'],
];

/** A beverage with its fill quantity range (ml) and, for coffee drinks, temperature and strength. */
function beverage(name: string, uid: string, fill: { def: number; min: number; max: number; step: number }, coffee = true): string {
  const lines = [`      <!--${name} -->`, `      <program available="true" uid="${uid}">`];
  if (coffee) {
    lines.push(
      `        <option access="readWrite" available="true" default="92" liveUpdate="true" refUID="1400"/>`,
      `        <option access="readWrite" available="true" default="60" liveUpdate="true" refUID="1401"/>`,
    );
  }
  lines.push(
    `        <option access="readWrite" available="true" default="${fill.def}" liveUpdate="true" max="${fill.max}" min="${fill.min}" refUID="1402" stepSize="${fill.step}"/>`,
    `        <option access="read" available="true" liveUpdate="true" refUID="021E"/>`,
    '      </program>',
  );
  return lines.join('\n');
}

const phases = [
  'None',
  'BeverageAborting',
  'Grinding',
  'BrewingUnitMovesUp',
  'CoffeeBrewing',
  'BrewingUnitMovesDown',
  'MilkFroth',
  'CleaningMilkSystem',
  'HotWaterDispensing',
];
const beanAmounts: ReadonlyArray<readonly [number, string]> = [
  [10, 'VeryMild'],
  [20, 'Mild'],
  [40, 'Normal'],
  [60, 'Strong'],
  [80, 'VeryStrong'],
  [100, 'ExtraStrong'],
  [110, 'DoubleShot'],
  [200, 'CoffeeGround'],
];
const temperatures = [88, 90, 92, 94, 95, 96];

export const coffeeDeviceDescription = `${deviceDescriptionHead(identity)}
  <!--BSH.Common.Root.StatusList -->
  <statusList access="read" available="true" uid="0102">
${commonStatuses({ wifiSignalStrength: -52, remoteControlStartAllowed: true })}
    <!--BSH.Common.Status.LocalControlActive -->
    <status access="read" available="true" initValue="false" refCID="01" refDID="00" uid="0217"/>
    <!--ConsumerProducts.CoffeeMaker.Status.ProcessPhase -->
    <status access="read" available="true" enumerationType="100A" initValue="0" refCID="03" refDID="80" uid="1000"/>
    <!--ConsumerProducts.CoffeeMaker.Status.BeverageCounterRistrettoEspresso -->
    <status access="read" available="true" initValue="412" refCID="02" refDID="81" uid="1002"/>
    <!--ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffee -->
    <status access="read" available="true" initValue="1287" refCID="02" refDID="81" uid="1003"/>
    <!--ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffeeAndMilk -->
    <status access="read" available="true" initValue="655" refCID="02" refDID="81" uid="1004"/>
    <!--ConsumerProducts.CoffeeMaker.Status.BeverageCounterHotWater -->
    <status access="read" available="true" initValue="23450" refCID="14" refDID="82" uid="1007"/>
  </statusList>
  <!--BSH.Common.Root.SettingList -->
  <settingList access="readWrite" available="true" uid="0103">
    <!--BSH.Common.Setting.AllowBackendConnection -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="0003"/>
    <!--BSH.Common.Setting.ChildLock -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="020C"/>
    <!--BSH.Common.Setting.PowerState -->
    <setting access="readWrite" available="true" enumerationType="0204" initValue="2" refCID="03" refDID="80" uid="021B"/>
    <!--ConsumerProducts.CoffeeMaker.Setting.CupWarmer -->
    <setting access="readWrite" available="true" initValue="false" refCID="01" refDID="00" uid="110B"/>
  </settingList>
  <!--BSH.Common.Root.EventList -->
  <eventList uid="0104">
    <!--BSH.Common.Event.SoftwareUpdateAvailable -->
    <event enumerationType="0001" handling="none" level="hint" refCID="03" refDID="80" uid="0015"/>
    <!--BSH.Common.Event.ProgramFinished -->
    <event enumerationType="0001" handling="acknowledge" level="hint" refCID="03" refDID="80" uid="021C"/>
    <!--ConsumerProducts.CoffeeMaker.Event.DripTrayFull -->
    <event enumerationType="0001" handling="none" level="alert" refCID="03" refDID="80" uid="1207"/>
    <!--ConsumerProducts.CoffeeMaker.Event.BeanContainerEmpty -->
    <event enumerationType="0001" handling="none" level="warning" refCID="03" refDID="80" uid="1214"/>
    <!--ConsumerProducts.CoffeeMaker.Event.RefillEmptyWaterTank -->
    <event enumerationType="0001" handling="decision" level="warning" refCID="03" refDID="80" uid="121C"/>
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
    <!--BSH.Common.Option.ProgramProgress -->
    <option access="read" available="true" initValue="0" max="100" min="0" refCID="11" refDID="A0" stepSize="1" uid="021E"/>
    <!--ConsumerProducts.CoffeeMaker.Option.CoffeeTemperature -->
    <option access="readWrite" available="true" default="92" enumerationType="1005" max="96" min="88" refCID="03" refDID="80" uid="1400"/>
    <!--ConsumerProducts.CoffeeMaker.Option.BeanAmount -->
    <option access="readWrite" available="true" default="60" enumerationType="1006" max="200" min="10" refCID="03" refDID="80" uid="1401"/>
    <!--ConsumerProducts.CoffeeMaker.Option.FillQuantity -->
    <option access="readWrite" available="true" default="100" max="500" min="20" refCID="14" refDID="81" stepSize="5" uid="1402"/>
  </optionList>
  <!--BSH.Common.Root.ProgramGroup -->
  <programGroup available="true" uid="0107">
    <!--ConsumerProducts.CoffeeMaker.ProgramGroup.Beverages -->
    <programGroup available="true" uid="2000">
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.Ristretto', '2010', { def: 25, min: 20, max: 40, step: 5 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso', '2011', { def: 40, min: 35, max: 60, step: 5 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.EspressoMacchiato', '2012', { def: 60, min: 40, max: 120, step: 10 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.Coffee', '2013', { def: 120, min: 60, max: 250, step: 10 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.Cappuccino', '2014', { def: 180, min: 100, max: 300, step: 20 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.LatteMacchiato', '2015', { def: 250, min: 200, max: 400, step: 20 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.CaffeLatte', '2016', { def: 200, min: 100, max: 400, step: 20 })}
${beverage('ConsumerProducts.CoffeeMaker.Program.Beverage.HotWater', '2019', { def: 150, min: 50, max: 500, step: 10 }, false)}
    </programGroup>
  </programGroup>
  <!--BSH.Common.Root.ActiveProgram -->
  <activeProgram access="readWrite" available="true" fullOptionSet="false" uid="0100" validate="false"/>
  <!--BSH.Common.Root.SelectedProgram -->
  <selectedProgram access="readWrite" available="true" fullOptionSet="false" uid="0101" validate="false"/>
  <enumerationTypeList>
    <!--BSH.Common.EnumType.EventPresentState -->
    <enumerationType enid="0001"><enumeration value="0"/><enumeration value="1"/><enumeration value="2"/></enumerationType>
    <!--BSH.Common.EnumType.DoorState -->
    <enumerationType enid="0201"><enumeration value="0"/><enumeration value="1"/></enumerationType>
    <!--BSH.Common.EnumType.OperationState -->
    <enumerationType enid="0203"><enumeration value="0"/><enumeration value="1"/><enumeration value="3"/><enumeration value="4"/><enumeration value="5"/><enumeration value="6"/><enumeration value="7"/><enumeration value="8"/></enumerationType>
    <!--BSH.Common.EnumType.PowerState -->
    <enumerationType enid="0204"><enumeration value="2"/><enumeration value="3"/></enumerationType>
    <!--ConsumerProducts.CoffeeMaker.EnumType.CoffeeTemperature -->
    <enumerationType enid="1005">${temperatures.map((t) => `<enumeration value="${t}"/>`).join('')}</enumerationType>
    <!--ConsumerProducts.CoffeeMaker.EnumType.BeanAmount -->
    <enumerationType enid="1006">${beanAmounts.map(([v]) => `<enumeration value="${v}"/>`).join('')}</enumerationType>
    <!--ConsumerProducts.CoffeeMaker.EnumType.ProcessPhase -->
    <enumerationType enid="100A">${phases.map((_, i) => `<enumeration value="${i}"/>`).join('')}</enumerationType>
  </enumerationTypeList>
</device>
`;

export const coffeeFeatureMapping = `${featureMappingHead(identity)}
${featureDescription(ownFeatures, coffeeDeviceDescription)}
  <errorDescription>
${commonErrors}
  </errorDescription>
  <enumDescriptionList>
${commonEnumDescriptions}
    <enumDescription refENID="1005" enumKey="ConsumerProducts.CoffeeMaker.EnumType.CoffeeTemperature">
${temperatures.map((t) => `      <enumMember refValue="${t}">${t}C</enumMember>`).join('\n')}
    </enumDescription>
    <enumDescription refENID="1006" enumKey="ConsumerProducts.CoffeeMaker.EnumType.BeanAmount">
${beanAmounts.map(([v, n]) => `      <enumMember refValue="${v}">${n}</enumMember>`).join('\n')}
    </enumDescription>
    <enumDescription refENID="100A" enumKey="ConsumerProducts.CoffeeMaker.EnumType.ProcessPhase">
${phases.map((n, i) => `      <enumMember refValue="${i}">${n}</enumMember>`).join('\n')}
    </enumDescription>
  </enumDescriptionList>
</featureMappingFile>
`;

/** The demo coffee machine as a stored record. Key = ASCII "HCLOCAL-DEMO-COFFEE-TLS-KEY-0008". */
export const demoCoffee: ApplianceRecord = {
  haId: 'HCLOCAL-DEMOTI1-000000000008',
  name: 'coffee',
  brand: 'HCLOCAL',
  type: 'CoffeeMaker',
  vib: 'DEMO-TI1',
  host: '127.0.0.1',
  connectionType: 'TLS',
  key: Buffer.from('HCLOCAL-DEMO-COFFEE-TLS-KEY-0008', 'ascii').toString('base64url'),
  mac: '00-00-5E-00-53-08',
  serialNumber: 'DEMO00000000000008',
  deviceDescription: coffeeDeviceDescription,
  featureMapping: coffeeFeatureMapping,
};
