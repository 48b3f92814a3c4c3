// The scheduler's public face, for the demo, benchmarks and tests that drive it
// in-process: import, scans, status, exports, statistics and the HTTP API.
export { importList, formatImportSummary, ImportHeaderError, type ImportListOptions, type ImportProgress, type ImportSummary, type RowIssue } from './import/import.service.ts';
export { startScan, latestScan, requireCampaign, CampaignNotFoundError, type StartScanResult } from '@prospector/core';
export { waitForScan, type WaitOptions, type WaitOutcome } from './scan/wait-for-scan.ts';
export { getScanStatus, formatScanStatus, type ScanStatus, type StageProgress } from './status/status.service.ts';
export { exportRecords, type ExportRecord } from './export/export.service.ts';
export { openOutput, writeExport, type ExportFormat } from './export/export.writers.ts';
export { getCampaignStats } from './stats/stats.service.ts';
export { buildApiServer, type ApiDeps } from './api/server.ts';
export { createApiToken, ROLES, type Role } from './api/tokens.ts';
export { CSP_POLICIES } from './api/security-headers.ts';
export { listApiTokens, parseExpiry, revokeApiToken } from './api/token-admin.ts';
export type { AccessEntry, RouteRole } from './api/access.ts';
export type { ClientLimits } from './api/client-limits.ts';
export { routeScan, type RoutingLine, type RoutingReport } from './leads/routing.service.ts';
export { parseTeamsFile } from './teams/teams.file.ts';
export { applyTeamsFile } from './teams/teams.service.ts';
export { registerUnsubscribeRoutes } from './api/unsubscribe.routes.ts';
export { addWebhookEndpoint, listWebhookDeliveries, replayWebhookMessages, setWebhookEndpointStatus, WebhookInputError } from './delivery/webhook-endpoints.service.ts';
export { listSchedules, removeSchedule, upsertSchedule, ScheduleError, type ScheduleTiming, type ScheduleView } from './history/schedule.service.ts';
export { queryChanges, ChangesQueryError, type ChangesQuery, type ChangeView } from './history/changes.service.ts';
export { LEFT_COMPETITOR_POINTS } from './history/change-priority.ts';
export { loadReportData } from './report/report.data.ts';
export { recordCorrections } from './corrections/correction.service.ts';
export { readCorrectionFile } from './corrections/correction.csv.ts';
export { fitModel, type StoredModel } from './learning/model.service.ts';
export { loadExamples } from './learning/label.repository.ts';
