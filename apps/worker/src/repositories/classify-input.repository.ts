// Everything classify reads, in one round trip: the prospect, its campaign's playbook, every
// agent's typed result and the stages that failed for good. Four queries per prospect were
// four client round trips (planning, protocol, pool) for rows the database finds at once.
// Each part comes back as JSON text and is parsed here: the driver's and the ORM's own
// conversion of json values cost more than the parse itself.
import { Prisma, type HotSql } from '@prospector/core';
import { PermanentError, type ClassifyInput, type DnsResult, type ProspectInput, type SearchResult, type StageFailure, type VerifyResult } from '@prospector/agents';
import type { Scope } from './evidence.repository.ts';
import { missingProspect, prospectInputSql } from './prospect.repository.ts';

export interface ClassifyInputs {
  input: ClassifyInput;
  /** The campaign's playbook as stored, or null for the default one. */
  playbook: unknown;
}

interface Row {
  prospect: string | null;
  scan: string | null;
  results: string;
  failures: string;
}

export async function loadClassifyInputs(sql: HotSql, scope: Scope): Promise<ClassifyInputs> {
  const { scanId, prospectId } = scope;
  const rows = await sql.query<Row>(Prisma.sql`
    SELECT
      (SELECT row_to_json(p)::text FROM (${prospectInputSql(prospectId)}) p) AS prospect,
      (SELECT json_build_object('playbook', c.playbook)::text
         FROM "Scan" s JOIN "Campaign" c ON c.id = s."campaignId" WHERE s.id = ${scanId}) AS scan,
      (SELECT coalesce(json_agg(json_build_object('agent', agent, 'result', result) ORDER BY id), '[]')::text
         FROM "AgentResult" WHERE "scanId" = ${scanId} AND "prospectId" = ${prospectId}) AS results,
      (SELECT coalesce(json_agg(json_build_object('stage', stage, 'subject', subject, 'error', error, 'errorKind', "errorKind") ORDER BY id), '[]')::text
         FROM "StageRun" WHERE "scanId" = ${scanId} AND "prospectId" = ${prospectId} AND status = 'failed'
           AND stage IN ('search', 'dns', 'verify')) AS failures`);
  const row = rows[0]!;
  if (row.prospect === null) throw missingProspect(prospectId);
  if (row.scan === null) throw new PermanentError(`scan ${scanId} does not exist`, 'missing-scan');
  const input: ClassifyInput = { prospect: JSON.parse(row.prospect) as ProspectInput, search: null, dns: [], verify: [], failures: [] };
  for (const r of JSON.parse(row.results) as { agent: string; result: unknown }[]) {
    if (r.agent === 'search') input.search = r.result as SearchResult;
    else if (r.agent === 'dns') input.dns.push(r.result as DnsResult);
    else if (r.agent === 'verify') input.verify.push(r.result as VerifyResult);
  }
  for (const f of JSON.parse(row.failures) as { stage: StageFailure['stage']; subject: string; error: string | null; errorKind: string | null }[]) {
    input.failures.push({ stage: f.stage, subject: f.subject, error: `${f.errorKind ?? 'error'}: ${f.error ?? ''}` });
  }
  return { input, playbook: (JSON.parse(row.scan) as { playbook: unknown }).playbook };
}
