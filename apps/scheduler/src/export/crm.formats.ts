// Every export format in one table, so the CLI and the HTTP route offer the same ones.
import type { Writable } from 'node:stream';
import type { PrismaClient } from '@prospector/core';
import { crmRecords } from './crm.records.ts';
import { writeCrmCsv } from './crm.writer.ts';
import { exportRecords } from './export.service.ts';
import { writeExport } from './export.writers.ts';
import { writeXlsx } from './xlsx.writer.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'salesforce', 'hubspot'] as const;
export type AnyExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<AnyExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  salesforce: 'text/csv; charset=utf-8',
  hubspot: 'text/csv; charset=utf-8',
};

/** The file name a download of this format gets. */
export function exportFileName(campaign: string, format: AnyExportFormat): string {
  const base = campaign.replace(/[^\w.-]+/g, '_');
  if (format === 'salesforce' || format === 'hubspot') return `${base}.${format}.csv`;
  return `${base}.${format}`;
}

export interface CampaignExportOptions {
  /** Country written into the CRM layouts (the list has none); ISO alpha-2. */
  country?: string;
}

/** Writes the campaign's latest scan in `format` to `out` (left open); returns the record count. */
export async function writeCampaignExport(
  prisma: PrismaClient,
  campaign: string,
  format: AnyExportFormat,
  out: Writable,
  options: CampaignExportOptions = {},
): Promise<number> {
  switch (format) {
    case 'json':
    case 'csv':
      return writeExport(exportRecords(prisma, campaign), format, out);
    case 'xlsx':
      return writeXlsx(exportRecords(prisma, campaign), out);
    case 'salesforce':
    case 'hubspot':
      return writeCrmCsv(crmRecords(prisma, campaign, options.country ?? 'US'), format, out);
  }
}
