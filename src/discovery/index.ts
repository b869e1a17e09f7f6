export {
  discoverAppliances,
  findAppliance,
  hostPortOf,
  DiscoveryCollector,
  type DiscoveredAppliance,
  type DiscoveryOptions,
} from './mdns-browser';
export { ApplianceAdvertiser, type AdvertisedAppliance } from './advertiser';
export { parseApplianceTxt, applianceTxt, type ApplianceTxt } from './txt-record';
export { MDNS_PORT, SERVICE } from './mdns-socket';
export { discoveredLine, noAnswerHint } from './report';
