// `prospector crm connect`: one stored connection per CRM. The URL is checked against the
// same address policy as webhook endpoints (private addresses only through
// WEBHOOK_ALLOW_CIDRS), and the mapping file is validated before anything is stored.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import { createAddressPolicy } from '@prospector/agents';
import { Prisma, type PrismaClient, type SecretBox } from '@prospector/core';
import { isCrmKind, sealCrmAuth, type CrmAuth, type CrmKind } from '@prospector/worker';
import { readCrmMappingFile, storedMapping } from './crm.mapping.ts';

export class CrmInputError extends Error {
  override name = 'CrmInputError';
}

export interface ConnectCrmInput {
  crm: string;
  url: string;
  /** HubSpot private-app access token. */
  token?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  refreshToken?: string | undefined;
  apiVersion?: string | undefined;
  autoAssign?: string | undefined;
  mappingFile?: string | undefined;
  autoPush?: boolean | undefined;
}

export function requireCrmKind(crm: string): CrmKind {
  if (!isCrmKind(crm)) throw new CrmInputError(`unknown CRM "${crm}": expected hubspot or salesforce`);
  return crm;
}

/** Credentials are stored sealed under SECRETS_KEYS when a key is set. */
export async function connectCrm(prisma: PrismaClient, input: ConnectCrmInput, policy: { allowCidrs: readonly string[]; resolveHost?: (host: string) => Promise<string[]> }, secrets: SecretBox) {
  const crm = requireCrmKind(input.crm);
  const baseUrl = await checkCrmUrl(input.url, policy);
  const need = (value: string | undefined, flag: string): string => {
    if (!value?.trim()) throw new CrmInputError(`${crm} needs ${flag}`);
    return value.trim();
  };
  const auth: CrmAuth = crm === 'hubspot'
    ? { accessToken: need(input.token, '--token (a private app access token)') }
    : { clientId: need(input.clientId, '--client-id'), clientSecret: need(input.clientSecret, '--client-secret'), refreshToken: need(input.refreshToken, '--refresh-token') };
  const apiVersion = input.apiVersion ?? 'v62.0';
  if (crm === 'salesforce' && (!/^v\d+\.\d$/.test(apiVersion) || Number(apiVersion.slice(1)) < 46)) throw new CrmInputError(`--api-version ${apiVersion}: sObject Collections upsert needs v46.0 or later (e.g. v62.0)`);
  const autoAssign = input.autoAssign ?? 'FALSE';
  if (!/^(TRUE|FALSE|[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})$/.test(autoAssign)) throw new CrmInputError(`--auto-assign ${autoAssign}: expected TRUE, FALSE or an assignment rule id`);
  const mapping = input.mappingFile ? storedMapping(await readCrmMappingFile(crm, input.mappingFile)) : null;
  const data = { baseUrl, auth: sealCrmAuth(secrets, auth), mapping: mapping ?? Prisma.DbNull, autoPush: input.autoPush === true, autoAssign, apiVersion };
  const row = await prisma.crmConnection.upsert({ where: { crm }, create: { crm, ...data }, update: data });
  return { crm: row.crm, baseUrl: row.baseUrl, autoPush: row.autoPush, mapping: mapping ? 'from file' : 'defaults' };
}

async function checkCrmUrl(raw: string, policy: { allowCidrs: readonly string[]; resolveHost?: (host: string) => Promise<string[]> }): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CrmInputError(`--url: "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CrmInputError(`--url: ${url.protocol} is not http: or https:`);
  if (url.username || url.password) throw new CrmInputError('--url: credentials in the URL are refused');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : policy.resolveHost ? await policy.resolveHost(host) : (await dns.lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new CrmInputError(`--url: cannot resolve ${host}`);
  }
  const addressPolicy = createAddressPolicy(policy.allowCidrs);
  for (const address of addresses) {
    const reason = addressPolicy.reason(address);
    if (reason) throw new CrmInputError(`--url: ${host} resolves to ${address} (${reason}); allow it with WEBHOOK_ALLOW_CIDRS if intended`);
  }
  return url.origin;
}
