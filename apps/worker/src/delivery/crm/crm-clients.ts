// Builds the connector for a stored connection. A refreshed Salesforce token is written back
// to the connection so the next job (or process) starts with it.
import type { PrismaClient } from '@prospector/core';
import type { CrmHttp } from './crm-http.ts';
import { createHubSpotClient } from './hubspot.client.ts';
import { createSalesforceClient, type SalesforceAuth } from './salesforce.client.ts';
import { CrmConfigError, isCrmKind, type CrmClient } from './crm.types.ts';

export interface CrmConnectionRow {
  crm: string;
  baseUrl: string;
  auth: unknown;
  autoAssign: string;
  apiVersion: string;
}

export function createCrmClient(connection: CrmConnectionRow, object: string, http: CrmHttp, prisma?: PrismaClient): CrmClient {
  if (!isCrmKind(connection.crm)) throw new CrmConfigError(`unknown CRM "${connection.crm}"`);
  const auth = (connection.auth ?? {}) as Record<string, unknown>;
  const text = (key: string): string => {
    const v = auth[key];
    if (typeof v !== 'string' || !v) throw new CrmConfigError(`the ${connection.crm} connection has no ${key}: run prospector crm connect ${connection.crm} again`);
    return v;
  };
  if (connection.crm === 'hubspot') return createHubSpotClient({ baseUrl: connection.baseUrl, accessToken: text('accessToken'), http });
  const sfAuth: SalesforceAuth = {
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
    refreshToken: text('refreshToken'),
    accessToken: typeof auth.accessToken === 'string' ? auth.accessToken : undefined,
    instanceUrl: typeof auth.instanceUrl === 'string' ? auth.instanceUrl : undefined,
  };
  return createSalesforceClient({
    baseUrl: connection.baseUrl,
    auth: sfAuth,
    apiVersion: connection.apiVersion,
    object,
    autoAssign: connection.autoAssign,
    http,
    ...(prisma
      ? { onToken: async (accessToken: string, instanceUrl: string) => {
          await prisma.crmConnection.update({ where: { crm: 'salesforce' }, data: { auth: { ...sfAuth, accessToken, instanceUrl } } });
        } }
      : {}),
  });
}
