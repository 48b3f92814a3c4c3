// Runs a simulated market until SIGTERM/SIGINT:
//   npx tsx packages/simnet/src/simnet.cli.ts --size 300 --seed 7 --out DIR [--world open]
// Prints KEY=VALUE environment lines for Prospector, then READY.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { generateMarket } from './market.generator.ts';
import { writeGroundTruth, writePurchasedList } from './purchased-list.writer.ts';
import { startSimnet } from './simnet.ts';
import { WORLDS, isWorldName } from './world.profiles.ts';

const program = new Command()
  .option('--size <n>', 'businesses in the market', '300')
  .option('--seed <n>', 'random seed', '7')
  .option('--octet <n>', 'second octet of 127.<octet>.0.0/16', '20')
  .option('--out <dir>', 'where list.csv, truth.json and ca.pem go', './simnet-out')
  .option('--encoding <e>', 'utf8 | utf8-bom | windows-1252', 'utf8')
  .option('--world <w>', 'classic (mainstream providers) | open (the long tail outside any catalog)', 'classic')
  .option('--dns-port <n>', 'DNS port (0 = random)', '0')
  .option('--search-port <n>', 'search port (0 = random)', '0')
  .option('--http-port <n>', 'HTTP port of sites', '80')
  .option('--https-port <n>', 'HTTPS port of sites', '443')
  .parse();

const opts = program.opts<Record<string, string>>();
const int = (key: string): number => {
  const value = Number(opts[key]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${key} must be a non-negative integer`);
  return value;
};
const out = path.resolve(opts.out ?? './simnet-out');
mkdirSync(out, { recursive: true });
const world = opts.world ?? 'classic';
if (!isWorldName(world)) throw new Error(`--world must be one of ${Object.keys(WORLDS).join(', ')}, got ${world}`);
const market = generateMarket({ seed: int('seed'), size: int('size'), octet: int('octet'), world });
const encoding = opts.encoding === 'utf8-bom' || opts.encoding === 'windows-1252' ? opts.encoding : 'utf8';
writePurchasedList(market, path.join(out, 'list.csv'), { encoding });
writeGroundTruth(market, path.join(out, 'truth.json'));
const net = await startSimnet({
  market, dnsPort: int('dnsPort'), searchPort: int('searchPort'), httpPort: int('httpPort'), httpsPort: int('httpsPort'), caDir: out,
});
process.stdout.write([
  `DNS_SERVERS=${net.dnsServers}`, `SEARXNG_URL=${net.searxngUrl}`, `TARGET_ALLOW_CIDRS=${net.allowCidrs}`,
  `NODE_EXTRA_CA_CERTS=${net.caCertPath}`, 'ASN_SOURCE=cymru', `SIMNET_LIST=${path.join(out, 'list.csv')}`,
  `SIMNET_TRUTH=${path.join(out, 'truth.json')}`, 'READY', '',
].join('\n'));

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void net.close().then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
