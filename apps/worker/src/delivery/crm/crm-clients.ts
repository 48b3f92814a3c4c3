// Builds the connector for a stored connection. A refreshed Salesforce token is written back
// to the connection so the next job (or process) starts with it.
import { SecretKeyError, type PrismaClient, type SecretBox } from '@prospector/core';
import { openCrmAuth, sealCrmAuth } from './crm-auth.ts';
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

export function createCrmClient(connection: CrmConnectionRow, object: string, deps: { http: CrmHttp; secrets: SecretBox; prisma?: PrismaClient }): CrmClient {
  const { http, prisma, secrets } = deps;
  if (!isCrmKind(connection.crm)) throw new CrmConfigError(`unknown CRM "${connection.crm}"`);
  const auth = openAuth(connection, secrets);
  const text = (key: string): string => {
    const v = auth[key];
    if (!v) throw new CrmConfigError(`the ${connection.crm} connection has no ${key}: run prospector crm connect ${connection.crm} again`);
    return v;
  };
  if (connection.crm === 'hubspot') return createHubSpotClient({ baseUrl: connection.baseUrl, accessToken: text('accessToken'), http });
  const sfAuth: SalesforceAuth = {
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
    refreshToken: text('refreshToken'),
    accessToken: auth.accessToken || undefined,
    instanceUrl: auth.instanceUrl || undefined,
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
          await prisma.crmConnection.update({ where: { crm: 'salesforce' }, data: { auth: sealCrmAuth(secrets, { ...auth, accessToken, instanceUrl }) } });
        } }
      : {}),
  });
}

/** Credentials that do not open are a configuration fault: the push fails at once, naming the key it needs. */
function openAuth(connection: CrmConnectionRow, secrets: SecretBox): Record<string, string> {
  try {
    return openCrmAuth(secrets, connection.auth);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new CrmConfigError(`the ${connection.crm} connection's credentials: ${error.message}`);
    throw error;
  }
}
