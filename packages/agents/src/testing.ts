// Test and benchmark helpers of the agents package, kept apart from its public index:
// loopback servers and fixtures for tests elsewhere in the repository. Nothing outside a
// test or a benchmark imports this entry (test/architecture.test.ts checks it).
export { startTestDnsServer, type FaultMode, type TestDnsServer, type Zone, type ZoneEntry } from './dns/test-dns-server.ts';
export { DOMAIN as DNS_FIXTURE_DOMAIN, ZONE as DNS_FIXTURE_ZONE } from './dns/dns.agent.fixture.ts';
