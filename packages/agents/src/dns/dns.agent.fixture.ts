// A realistic small business for the DNS agent tests: mail on Microsoft 365 behind Proofpoint
// Essentials, website on Squarespace, DNS at GoDaddy, Teams for voice, and an on-premises VPN
// appliance on a Comcast Business line. Public addresses appear only as DNS answers: the
// tests send packets to the loopback fixture alone.
import type { Zone } from './test-dns-server.ts';

export const DOMAIN = 'brightsmile-dental.com';

export const ZONE: Zone = {
  [DOMAIN]: {
    A: ['198.185.159.144', '198.185.159.145'],
    NS: ['ns47.domaincontrol.com', 'ns48.domaincontrol.com'],
    SOA: { mname: 'ns47.domaincontrol.com', rname: 'dns.jomax.net', serial: 2024031501 },
    MX: [
      { priority: 10, exchange: 'mx1-us1.ppe-hosted.com' },
      { priority: 20, exchange: 'mx2-us1.ppe-hosted.com' },
    ],
    TXT: [
      'v=spf1 include:spf.protection.outlook.com include:_spf-us.ppe-hosted.com ip4:50.78.120.17 -all',
      'MS=ms48291734',
      'google-site-verification=4fQ2x9ZkT1bYpL0cVn3aR8sHdW6uEiJoMkNlPqRsTuV',
      'docusign=3b9e2f4a-1c7d-4e8b-9a6f-2d5c8e1b7a43',
    ],
  },
  [`www.${DOMAIN}`]: { CNAME: 'ext-sq.squarespace.com' },
  'ext-sq.squarespace.com': { A: ['198.185.159.144', '198.185.159.145'] },
  [`_dmarc.${DOMAIN}`]: { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@brightsmile-dental.com'] },
  'mx1-us1.ppe-hosted.com': { A: ['148.163.155.18'] },
  'mx2-us1.ppe-hosted.com': { A: ['67.231.148.10'] },
  'spf.protection.outlook.com': {
    TXT: ['v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 ip6:2a01:111:f400::/48 include:spfd.protection.outlook.com -all'],
  },
  'spfd.protection.outlook.com': { TXT: ['v=spf1 ip4:51.4.72.0/24 ip4:51.5.72.0/24 -all'] },
  '_spf-us.ppe-hosted.com': { TXT: ['v=spf1 ip4:148.163.128.0/19 ip4:67.231.144.0/20 -all'] },
  [`autodiscover.${DOMAIN}`]: { CNAME: 'autodiscover.outlook.com' },
  'autodiscover.outlook.com': { CNAME: 'autod.ha-autod.office.com' },
  'autod.ha-autod.office.com': { A: ['52.96.108.18', '52.96.164.226'] },
  [`sip.${DOMAIN}`]: { CNAME: 'sipdir.online.lync.com' },
  'sipdir.online.lync.com': { A: ['52.112.196.21'] },
  [`vpn.${DOMAIN}`]: { A: ['50.78.120.17'] },
  [`_sip._tls.${DOMAIN}`]: { SRV: [{ priority: 100, weight: 1, port: 443, target: 'sipdir.online.lync.com' }] },
  [`_sipfederationtls._tcp.${DOMAIN}`]: {
    SRV: [{ priority: 100, weight: 1, port: 5061, target: 'sipfed.online.lync.com' }],
  },
  '144.159.185.198.in-addr.arpa': { PTR: ['sqsp-198-185-159-144.squarespace.com'] },
  '17.120.78.50.in-addr.arpa': { PTR: ['50-78-120-17-static.hfc.comcastbusiness.net'] },
  '18.155.163.148.in-addr.arpa': { PTR: ['mx0a-us1.ppe-hosted.com'] },
};
