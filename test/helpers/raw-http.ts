// HTTP requests whose path goes on the wire byte for byte: fetch and fastify.inject both
// parse the URL first, which folds `//`, `/./` and `%2e` before the server sees them.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequestOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: http.Agent;
}

export function rawRequest(port: number, options: RawRequestOptions): Promise<RawResponse> {
  // Node frames a body by chunked encoding only for some methods: a DELETE's body went out
  // unframed, and the server read it as a second, malformed request (400).
  const framed = options.body === undefined || options.headers?.['content-length'] !== undefined;
  const headers = framed ? options.headers : { ...options.headers, 'content-length': String(Buffer.byteLength(options.body!)) };
  return new Promise((resolve, reject) => {
    const req = http.request(
      // A fresh connection by default: a pooled socket the server just closed after a
      // parse error would fail the next request with a hang-up that is not its own.
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(new Error(`${options.method} ${options.path}: ${error.message}`)));
    req.end(options.body);
  });
}
