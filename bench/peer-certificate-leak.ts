// Whether reading a TLS server's certificate on the client leaks native memory, per way of
// reading it: a loopback server presenting a leaf and its CA (a chain, as real sites do),
// 4,000 handshakes per reader, memory outside the JS heap before and after. Node 20.20's
// getPeerX509Certificate() leaked ~5 MiB per 1,000 reads here, which is why the HTTPS
// client reads getPeerCertificate(false); run this after a Node upgrade to see if it holds.
//   npx tsx bench/peer-certificate-leak.ts
import tls, { type TLSSocket } from 'node:tls';
import { createSimCa } from '@prospector/simnet';

const HANDSHAKES = 4000;
const ca = createSimCa();
// The simulated Internet's sites present their leaf and the CA.
const context = ca.contextFor('leak.test');
const server = tls.createServer({ SNICallback: (_name, done) => done(null, context) }, (s) => {
  s.on('error', () => undefined);
  s.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, ca.certPem] });

const readers: [string, (s: TLSSocket) => unknown][] = [
  ['none', () => undefined],
  ['getPeerCertificate(false)', (s) => s.getPeerCertificate(false)],
  ['getPeerX509Certificate()', (s) => s.getPeerX509Certificate()],
];

function handshake(read: (s: TLSSocket) => unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'leak.test', secureContext });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const t = process.hrtime.bigint();
      read(socket);
      const ns = Number(process.hrtime.bigint() - t);
      socket.destroy();
      resolve(ns);
    });
  });
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
console.log(`${HANDSHAKES} handshakes per reader, Node ${process.version}; server chain: leaf + CA`);
// The process's own start-up growth (TLS state, malloc arenas) first, so it is no reader's.
for (let i = 0; i < 2000; i++) await handshake(() => undefined);
for (const [name, read] of readers) {
  for (let i = 0; i < 200; i++) await handshake(read);
  const before = process.memoryUsage();
  let ns = 0;
  for (let i = 0; i < HANDSHAKES; i++) ns += await handshake(read);
  const after = process.memoryUsage();
  // Outside the JS heap: what no garbage collection gives back.
  const native = after.rss - after.heapTotal - (before.rss - before.heapTotal);
  console.log(`${name.padEnd(27)} native memory ${native >= 0 ? '+' : ''}${mib(native)} MiB (${mib((native / HANDSHAKES) * 1000)} MiB per 1,000 reads), ${(ns / HANDSHAKES / 1000).toFixed(1)} µs per read`);
}
server.close();
