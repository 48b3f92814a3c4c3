// Measures the DNS server's ceiling: a raw UDP client keeps N queries in flight.
//   npx tsx packages/simnet/src/bench-dns.ts [--size 100000] [--inflight 200] [--seconds 5]
import dgram from 'node:dgram';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { startDnsServer } from './dns.server.ts';
import { CymruZone } from './cymru.zone.ts';
import { FaultController } from './faults.controller.ts';
import { generateMarket } from './market.generator.ts';
import { ZoneStore } from './zone.store.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = arg('size', 100000);
const inflight = arg('inflight', 200);
const seconds = arg('seconds', 5);

// The client runs in a child process so the server's event loop is measured alone.
if (process.argv.includes('--client')) {
  const data = await new Promise<ClientData>((resolve) => process.once('message', (m) => resolve(m as ClientData)));
  await runClient(data);
  process.exit(0);
}

let t = Date.now();
const market = generateMarket({ seed: 1, size, octet: 250 });
console.log(`market: ${size} businesses, ${market.records.length} records in ${Date.now() - t} ms`);
t = Date.now();
const zone = new ZoneStore(new CymruZone(250, market.asBlocks));
zone.add(market.records);
console.log(`zone loaded in ${Date.now() - t} ms`);
const server = await startDnsServer({ zone, faults: new FaultController(), deadAddress: '127.250.0.2' });

const names = market.businesses.flatMap((b) => (b.truth.domain ? [b.truth.domain, `www.${b.truth.domain}`] : [`${b.recordId}.invalid`]));
const child = fork(fileURLToPath(import.meta.url), ['--client'], { execArgv: ['--import', 'tsx'] });
child.send({ port: server.port, names: names.slice(0, 50000), inflight, seconds });
const result = await new Promise<{ received: number; sent: number; elapsed: number }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as { received: number; sent: number; elapsed: number }));
  child.once('error', reject);
});
console.log(`${result.received} answers in ${result.elapsed.toFixed(1)} s with ${inflight} in flight: ${Math.round(result.received / result.elapsed)} queries/s`);
await server.close();

interface ClientData { port: number; names: string[]; inflight: number; seconds: number }

async function runClient(data: ClientData): Promise<void> {
  const types = ['A', 'MX', 'TXT', 'NS'] as const;
  const queries = data.names.map((name, i) => dnsPacket.encode({ id: i % 65536, type: 'query', flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type: types[i % types.length]! }] }));
  const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 << 20 });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  let sent = 0;
  let received = 0;
  const send = (): void => {
    socket.send(queries[sent++ % queries.length]!, data.port, '127.0.0.1');
  };
  socket.on('message', () => {
    received++;
    send();
  });
  const start = Date.now();
  for (let i = 0; i < data.inflight; i++) send();
  // Lost datagrams would shrink the window: top it up.
  const topUp = setInterval(() => {
    for (let i = sent - received; i < data.inflight; i++) send();
  }, 50);
  await new Promise((r) => setTimeout(r, data.seconds * 1000));
  clearInterval(topUp);
  process.send?.({ received, sent, elapsed: (Date.now() - start) / 1000 });
  socket.close();
}
