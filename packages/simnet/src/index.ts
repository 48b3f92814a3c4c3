// Public API of the simulated Internet.
export { generateMarket, type GenerateMarketOptions } from './market.generator.ts';
export { startSimnet, type Simnet, type SimnetStats, type StartSimnetOptions } from './simnet.ts';
export { writePurchasedList, writeGroundTruth, purchasedListCsv, type PurchasedListOptions } from './purchased-list.writer.ts';
export { FaultController, type Fault, type DnsFault, type HttpFault, type SearchFault } from './faults.controller.ts';
export { startDnsServer, type DnsServer } from './dns.server.ts';
export { ZoneStore } from './zone.store.ts';
export { createSimCa, type SimCa } from './ca.ts';
export { reverseName } from './address-plan.ts';
export type * from './market.types.ts';
export { simnetEnv } from './simnet.env.ts';
export { TRUTH_FIELDS } from './market.types.ts';
export type { WorldName } from './world.profiles.ts';
export { changeIsp, EvolutionError, hideMail, moveMailToMicrosoft, saveMail, type TruthChange } from './market.evolution.ts';
export { startCrmSimulator, type CrmSimulator, type StartCrmSimulatorOptions } from './crm/crm-sim.server.ts';
export type { HubSpotSim, SimProperty } from './crm/hubspot.sim.ts';
export type { SalesforceSim } from './crm/salesforce.sim.ts';
