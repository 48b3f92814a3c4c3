// A loopback CRM simulator: HubSpot-like and Salesforce-like endpoints on one 127.0.0.1
// port, for tests and the demo. Never the real services.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequest, writeResponse } from './crm-sim.http.ts';
import { HubSpotSim, type HubSpotSimOptions } from './hubspot.sim.ts';
import { SalesforceSim, type SalesforceSimOptions } from './salesforce.sim.ts';

export interface CrmSimulator {
  url: string;
  hubspot: HubSpotSim;
  salesforce: SalesforceSim;
  close(): Promise<void>;
}

export interface StartCrmSimulatorOptions {
  hubspot?: Partial<HubSpotSimOptions>;
  salesforce?: Partial<SalesforceSimOptions>;
  host?: string;
  port?: number;
}

export async function startCrmSimulator(options: StartCrmSimulatorOptions = {}): Promise<CrmSimulator> {
  const hubspot = new HubSpotSim({ accessToken: 'pat-sim-hubspot', ...options.hubspot });
  const salesforce = new SalesforceSim({ clientId: 'sim-client', clientSecret: 'sim-secret', refreshToken: 'sim-refresh', ...options.salesforce });
  let url = '';
  const server = http.createServer((req, res) => {
    readRequest(req).then(
      (request) => writeResponse(res, hubspot.handle(request) ?? salesforce.handle(request, url) ?? { status: 404, body: { message: `no route ${request.path}` } }),
      () => writeResponse(res, { status: 413, body: { message: 'request too large' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  url = `http://${address.address}:${address.port}`;
  return {
    url,
    hubspot,
    salesforce,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
