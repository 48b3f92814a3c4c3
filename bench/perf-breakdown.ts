// Where a worker's CPU goes, by component, from Linux perf samples (on-CPU time, native code,
// garbage collection and JIT included, which --cpu-prof's wall-clock samples blur):
//   BENCH_WORKER_NODE_ARGS=--perf-basic-prof-only-functions npx tsx bench/run.ts --quick --skip import,micro --workers 1 --sizes 3000
//   perf record -F 499 -g -p <worker pid> -o /tmp/perf.data -- sleep 40      (in the middle of the scan)
//   perf script -i /tmp/perf.data | npx tsx bench/perf-breakdown.ts
// Each sample goes to the first component found walking its stack from the leaf, so work a
// library does for our code counts as the library's.
import { createInterface } from 'node:readline';

const COMPONENTS: [name: string, frame: RegExp][] = [
  ['garbage collection', /Scaveng|MarkCompact|ConcurrentMarking|Sweeper|v8::internal::Heap::|GCTracer|MinorMC|IncrementalMarking|Evacuat/],
  ['JIT compilation', /v8::internal::compiler::|v8::internal::maglev|OptimizingCompile|v8::internal::baseline::|BytecodeGenerator|v8::internal::Parser|CompileLazy/],
  ['TLS (OpenSSL, node:tls)', /\b(?:SSL_|ssl3_|tls_|tls13_|ossl_|OSSL_|EVP_|X509|ASN1|BN_|bn_|ecp_|x25519|sha256|sha512|RSA_|CRYPTO_)|_tls_wrap|node:tls|crypto::TLSWrap::SSLInfoCallback/],
  ['HTTP client (undici, safe-http)', /undici|safe-http|llhttp/],
  ['HTML parsing and page facts', /cheerio|parse5|htmlparser2|domhandler|css-select|entities\/|page-extract|structured-data/],
  ['Postgres client (Prisma, pg)', /node_modules\/pg\/|pg-protocol|pg-pool|@prisma|worker\/src\/repositories/],
  ['queue (BullMQ, ioredis)', /bullmq|ioredis|msgpackr|redis-parser|address-rate-limiter/],
  ['DNS (c-ares, resolver, DNS agent)', /cares|ChannelWrap|QueryWrap|adapters\/resolver|dns-context|dns\.agent|host-resolve|adapters\/asn-|dns\/spf|node:internal\/dns/],
  ['search agent', /agents\/src\/search\/|searxng|brave\.ts/],
  ['verify agent', /agents\/src\/verify\//],
  ['classify agent', /agents\/src\/(?:classify|catalog|playbook)\//],
  ['logging', /pino|sonic-boom/],
];
const OTHER = 'other (allocation, promises, event loop, unattributed JS)';

const counts = new Map<string, number>();
let samples = 0;
let frames: string[] = [];

function settle(): void {
  if (frames.length === 0) return;
  samples++;
  let component = OTHER;
  outer: for (const frame of frames) {
    for (const [name, pattern] of COMPONENTS) {
      if (pattern.test(frame)) {
        component = name;
        break outer;
      }
    }
  }
  counts.set(component, (counts.get(component) ?? 0) + 1);
  frames = [];
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') settle();
  else if (/^\s/.test(line)) frames.push(line.trim());
}
settle();

if (samples === 0) {
  console.error('no samples on stdin: pipe `perf script` output in');
  process.exit(1);
}
console.log(`${samples} samples`);
for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1])) {
  console.log(`${((100 * n) / samples).toFixed(1).padStart(5)}%  ${name}`);
}
