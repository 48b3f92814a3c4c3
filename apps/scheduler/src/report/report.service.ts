// The campaign report end to end: read the data, render the charts, lay out the page.
import type { PrismaClient } from '@prospector/core';
import { renderCharts } from './report.charts.ts';
import { loadReportData, type LoadReportOptions } from './report.data.ts';
import { renderReportHtml, type ReportHtmlOptions } from './report.html.ts';

export async function buildCampaignReport(prisma: PrismaClient, campaignName: string, options: LoadReportOptions & ReportHtmlOptions = {}): Promise<string> {
  const data = await loadReportData(prisma, campaignName, options);
  return renderReportHtml(data, await renderCharts(data), options);
}
