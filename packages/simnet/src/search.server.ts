// A SearXNG-compatible JSON search API: GET /search?q=…&format=json.
import http from 'node:http';
import type { FaultController } from './faults.controller.ts';
import type { SearchIndex } from './search.index.ts';

export interface SearchServer {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

export async function startSearchServer(options: { index: SearchIndex; faults: FaultController; host?: string; port?: number }): Promise<SearchServer> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://search.invalid');
    if (url.pathname !== '/search') {
      res.writeHead(404).end('Not Found');
      return;
    }
    const fault = options.faults.takeSearchFault();
    if (fault) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfterSeconds ?? 2);
      res.writeHead(fault.status, headers).end(fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error');
      return;
    }
    if (url.searchParams.get('format') !== 'json') {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    const query = url.searchParams.get('q') ?? '';
    const results = query.trim() ? options.index.results(query) : [];
    const body = JSON.stringify({
      query, number_of_results: results.length,
      results: results.map((r, i) => ({ ...r, engines: [r.engine], score: 1 / (i + 1), category: 'general' })),
      answers: [], corrections: [], infoboxes: [], suggestions: [], unresponsive_engines: [],
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
