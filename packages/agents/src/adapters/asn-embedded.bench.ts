// Prints the embedded ASN table's load time, memory, and lookups per second.
// Run: npx tsx packages/agents/src/adapters/asn-embedded.bench.ts [lookups]
import { performance } from 'node:perf_hooks';
import { createEmbeddedAsnLookup } from './asn-embedded.ts';
import { formatIpv4 } from './asn-ip.ts';

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2_000_000);
  const asn = createEmbeddedAsnLookup();
  const heap0 = process.memoryUsage();
  const t0 = performance.now();
  await asn.load();
  const loadMs = performance.now() - t0;
  const heap1 = process.memoryUsage();
  console.log(`load: ${loadMs.toFixed(0)} ms`);
  console.log(`memory: rss +${mb(heap1.rss - heap0.rss)}, heap +${mb(heap1.heapUsed - heap0.heapUsed)}, arrayBuffers +${mb(heap1.arrayBuffers - heap0.arrayBuffers)}`);

  // Pre-built random addresses so the loop measures lookups, not string building.
  const v4 = Array.from({ length: 65536 }, () => formatIpv4(Math.floor(Math.random() * 0xffffffff)));
  const v6 = Array.from({ length: 4096 }, (_, i) => `2001:4860:${((i * 7919) % 65536).toString(16)}::${i.toString(16)}`);
  let hits = 0;
  let t = performance.now();
  for (let i = 0; i < count; i += 1) if (asn.lookupLoaded(v4[i & 65535] ?? '')) hits += 1;
  let ms = performance.now() - t;
  console.log(`ipv4 sync: ${Math.round((count / ms) * 1000).toLocaleString()} lookups/s (${hits} hits of ${count})`);

  const v6Count = Math.floor(count / 4);
  t = performance.now();
  for (let i = 0; i < v6Count; i += 1) if (asn.lookupLoaded(v6[i & 4095] ?? '')) hits += 1;
  ms = performance.now() - t;
  console.log(`ipv6 sync: ${Math.round((v6Count / ms) * 1000).toLocaleString()} lookups/s`);

  const asyncCount = Math.floor(count / 4);
  t = performance.now();
  for (let i = 0; i < asyncCount; i += 1) await asn.lookup(v4[i & 65535] ?? '');
  ms = performance.now() - t;
  console.log(`ipv4 via port (await each): ${Math.round((asyncCount / ms) * 1000).toLocaleString()} lookups/s`);
}

await main();
