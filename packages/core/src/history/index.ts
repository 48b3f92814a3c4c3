export * from './history.fields.ts';
export { deriveScanHistory, type DerivedHistory, type HistoryDb } from './derive-history.ts';
export * from './rescan.queue.ts';
export { changeSummaryOf, recordChangeDeliveries, type ChangeSummaryRow } from './change-delivery.ts';
