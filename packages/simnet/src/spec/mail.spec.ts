// Mailbox hosts and mail security gateways, in the MX/SPF/TXT shapes their setup guides
// publish. Forms a provider changed over time are kept side by side with their share.
import type { MailSpec } from './spec.types.ts';

export const MAILBOX_HOSTS: readonly MailSpec[] = [
  {
    id: 'google', role: 'mailbox', name: 'Google Workspace', domains: ['google.com', 'googlemail.com', 'gmail.com'], aliases: ['G Suite', 'Google'],
    source: 'https://support.google.com/a/answer/174125', network: 'google', spf: 'include:_spf.google.com',
    forms: [
      { weight: 7, mx: [{ preference: 1, host: 'aspmx.l.google.com' }, { preference: 5, host: 'alt1.aspmx.l.google.com' }, { preference: 5, host: 'alt2.aspmx.l.google.com' }, { preference: 10, host: 'alt3.aspmx.l.google.com' }, { preference: 10, host: 'alt4.aspmx.l.google.com' }] },
      { weight: 3, mx: [{ preference: 1, host: 'smtp.google.com' }], note: 'the single MX Google publishes for domains set up since 2023' },
    ],
  },
  {
    id: 'microsoft', role: 'mailbox', name: 'Microsoft 365', domains: ['microsoft.com', 'outlook.com', 'office.com', 'microsoft365.com', 'mx.microsoft'], aliases: ['Exchange Online', 'Office 365', 'Microsoft'],
    source: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/external-domain-name-system-records', network: 'microsoft', spf: 'include:spf.protection.outlook.com',
    forms: [
      { weight: 8, mx: [{ preference: 0, host: '{dashed}.mail.protection.outlook.com' }] },
      { weight: 2, mx: [{ preference: 0, host: '{dashed}.{pick:a|b|c|d|e|f|g|h|j|k|l|m|n|o|p|r|s|t|u|v|w|x|y|z}-v1.mx.microsoft' }], note: 'the DNSSEC-signed mx.microsoft names of Exchange Online (2024)' },
    ],
    txt: ['MS=ms{d:8}'],
    cnames: [{ label: 'autodiscover', target: 'autodiscover.outlook.com' }],
  },
  {
    id: 'godaddy-mail', role: 'mailbox', name: 'GoDaddy', domains: ['godaddy.com', 'secureserver.net', 'domaincontrol.com', 'wsimg.com'], aliases: ['GoDaddy Workspace Email'],
    source: 'https://www.godaddy.com/help/add-an-mx-record-19234', network: 'godaddy', spf: 'include:secureserver.net',
    forms: [{ weight: 1, mx: [{ preference: 0, host: 'mailstore1.secureserver.net' }, { preference: 10, host: 'smtp.secureserver.net' }] }],
  },
  {
    id: 'zoho', role: 'mailbox', name: 'Zoho Mail', domains: ['zoho.com', 'zohomail.com'], aliases: ['Zoho'],
    source: 'https://www.zoho.com/mail/help/adminconsole/configure-email-delivery.html', network: 'zoho', spf: 'include:zoho.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.zoho.com' }, { preference: 20, host: 'mx2.zoho.com' }, { preference: 50, host: 'mx3.zoho.com' }] }],
    txt: ['zoho-verification=zb{d:8}.zmverify.zoho.com'],
  },
  {
    id: 'rackspace', role: 'mailbox', name: 'Rackspace Email', domains: ['rackspace.com', 'emailsrvr.com'], aliases: ['Rackspace'],
    source: 'https://docs.rackspace.com/docs/set-up-dns-records-for-cloud-office-email', network: 'rackspace', spf: 'include:emailsrvr.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.emailsrvr.com' }, { preference: 20, host: 'mx2.emailsrvr.com' }] }],
  },
  {
    id: 'ionos-mail', role: 'mailbox', name: 'IONOS', domains: ['ionos.com', '1and1.com', 'ui-dns.com'], aliases: ['1&1 IONOS', 'IONOS SE'],
    source: 'https://www.ionos.com/help/email/general-topics/settings-for-your-email-programs-imap-pop3/', network: 'ionos', spf: 'include:_spf-us.ionos.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx00.ionos.com' }, { preference: 10, host: 'mx01.ionos.com' }] }],
  },
  {
    id: 'privateemail', role: 'mailbox', name: 'Namecheap Private Email', domains: ['namecheap.com', 'privateemail.com', 'registrar-servers.com'], aliases: ['Namecheap'],
    source: 'https://www.namecheap.com/support/knowledgebase/article.aspx/1340/2176/', network: 'namecheap', spf: 'include:spf.privateemail.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.privateemail.com' }, { preference: 10, host: 'mx2.privateemail.com' }] }],
  },
  {
    id: 'intermedia', role: 'mailbox', name: 'Intermedia', domains: ['intermedia.com', 'intermedia.net', 'serverdata.net'], aliases: ['Intermedia.net'],
    source: 'https://kb.intermedia.net/Article/1043', network: 'intermedia', spf: 'include:spf.intermedia.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'east.smtp.mx.exch{n:020-099}.serverdata.net' }, { preference: 10, host: 'west.smtp.mx.exch{n}.serverdata.net' }] }],
  },
  // Hosts outside the big few.
  {
    id: 'mxroute', role: 'mailbox', name: 'MXroute', domains: ['mxroute.com', 'mxrouting.net', 'mxlogin.com'],
    source: 'https://mxroute.com/docs/dns-overview/', network: 'hetzner', spf: 'include:mxroute.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: '{pick:blizzard|arrow|echo|lucy|safari|sunfire|taylor|pixel|shadow}.mxrouting.net' }, { preference: 20, host: '{same}-relay.mxrouting.net' }], note: 'MXroute servers run on Hetzner' }],
  },
  {
    id: 'migadu', role: 'mailbox', name: 'Migadu', domains: ['migadu.com'],
    source: 'https://migadu.com/guides/dns/', network: 'migadu', spf: 'include:spf.migadu.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'aspmx1.migadu.com' }, { preference: 20, host: 'aspmx2.migadu.com' }] }],
    txt: ['hosted-email-verify={a:8}'],
    cnames: [{ label: 'key1._domainkey', target: 'key1.{domain}._domainkey.migadu.com' }, { label: 'autoconfig', target: 'autoconfig.migadu.com' }],
  },
  {
    id: 'purelymail', role: 'mailbox', name: 'Purelymail', domains: ['purelymail.com'],
    source: 'https://purelymail.com/docs/gettingStarted', network: 'amazon', spf: 'include:_spf.purelymail.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mailserver.purelymail.com' }], note: 'serving network not published; modelled on AWS' }],
    txt: ['purelymail_ownership_proof={h:40}'],
    cnames: [{ label: 'purelymail1._domainkey', target: 'key1.dkimroot.purelymail.com' }],
  },
  {
    id: 'mailbox-org', role: 'mailbox', name: 'mailbox.org', domains: ['mailbox.org'], aliases: ['Heinlein-Support'],
    source: 'https://kb.mailbox.org/en/private/custom-domains/how-to-set-up-a-custom-domain', network: 'heinlein', spf: 'include:mailbox.org',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mxext1.mailbox.org' }, { preference: 10, host: 'mxext2.mailbox.org' }, { preference: 20, host: 'mxext3.mailbox.org' }] }],
  },
  {
    id: 'proton', role: 'mailbox', name: 'Proton Mail', domains: ['proton.me', 'protonmail.ch', 'protonmail.com', 'proton.ch'], aliases: ['Proton', 'Proton AG'],
    source: 'https://proton.me/support/custom-domain', network: 'proton', spf: 'include:_spf.protonmail.ch',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mail.protonmail.ch' }, { preference: 20, host: 'mailsec.protonmail.ch' }] }],
    txt: ['protonmail-verification={h:40}'],
    cnames: [{ label: 'protonmail._domainkey', target: 'protonmail.domainkey.d{a:40}.domains.proton.ch' }],
  },
  {
    id: 'infomaniak', role: 'mailbox', name: 'Infomaniak', domains: ['infomaniak.com', 'infomaniak.ch'],
    source: 'https://www.infomaniak.com/en/support/faq/2157/configuring-the-dns-records-of-a-domain-name-for-mail-service', network: 'infomaniak', spf: 'include:spf.infomaniak.ch',
    forms: [{ weight: 1, mx: [{ preference: 5, host: 'mta-gw.infomaniak.ch' }] }],
  },
  {
    id: 'icloud', role: 'mailbox', name: 'iCloud Mail', domains: ['icloud.com', 'apple.com'], aliases: ['Apple', 'iCloud+ Custom Email Domain'],
    source: 'https://support.apple.com/en-us/102374', network: 'apple', spf: 'include:icloud.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx01.mail.icloud.com' }, { preference: 10, host: 'mx02.mail.icloud.com' }] }],
    txt: ['apple-domain={A:16}'],
  },
  {
    id: 'hostinger-mail', role: 'mailbox', name: 'Hostinger', domains: ['hostinger.com', 'hstgr.net', 'dns-parking.com'], aliases: ['Hostinger International'],
    source: 'https://support.hostinger.com/en/articles/4415441-how-to-point-a-domain-to-hostinger-email', network: 'hostinger', spf: 'include:_spf.mail.hostinger.com',
    forms: [{ weight: 1, mx: [{ preference: 5, host: 'mx1.hostinger.com' }, { preference: 10, host: 'mx2.hostinger.com' }] }],
  },
  {
    id: 'tuta', role: 'mailbox', name: 'Tuta', domains: ['tuta.com', 'tutanota.com', 'tutanota.de'], aliases: ['Tutanota', 'Tutao'],
    source: 'https://tuta.com/support#custom-domain', network: 'tutao', spf: 'include:spf.tutanota.de',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mail.tutanota.de' }] }],
    txt: ['t-verify={h:32}'],
  },
  {
    id: 'forwardemail', role: 'mailbox', name: 'Forward Email', domains: ['forwardemail.net'],
    source: 'https://forwardemail.net/en/faq#how-do-i-get-started-and-set-up-email-forwarding', network: 'digitalocean', spf: 'include:spf.forwardemail.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.forwardemail.net' }, { preference: 10, host: 'mx2.forwardemail.net' }], note: 'serving network not published; modelled on DigitalOcean' }],
    txt: ['forward-email-site-verification={a:10}'],
  },
  {
    id: 'yandex', role: 'mailbox', name: 'Yandex 360', domains: ['yandex.com', 'yandex.net', 'yandex.ru'], aliases: ['Yandex'],
    source: 'https://yandex.com/support/business/domains/mx.html', network: 'yandex', spf: 'include:_spf.yandex.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.yandex.net' }] }],
    txt: ['yandex-verification={h:16}'],
  },
  {
    id: 'hover-mail', role: 'mailbox', name: 'Hover Email', domains: ['hover.com', 'hostedemail.com', 'tucows.com'], aliases: ['Hover', 'Tucows'],
    source: 'https://help.hover.com/hc/en-us/articles/217282457-Email-settings', network: 'tucows', spf: 'include:_spf.hostedemail.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.hover.com.cust.hostedemail.com' }] }],
  },
  // Small and national mailbox hosts: the long tail a purchased list brings. Where a
  // provider's setup page was not at hand, the MX/SPF shape is modelled on its own
  // service domain and the form's note says so; the serving network likewise.
  {
    id: 'startmail', role: 'mailbox', name: 'StartMail', domains: ['startmail.com'],
    source: 'https://support.startmail.com/hc/de/articles/360006558278-DNS-Eintr%C3%A4ge', network: 'hetzner', spf: 'include:spf.startmail.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.startmail.com' }, { preference: 10, host: 'mx2.startmail.com' }], note: 'records as StartMail publishes them; serving network not published, modelled on Hetzner' }],
    cnames: [{ label: 'startmail1._domainkey', target: 'startmail1._domainkey.startmail.com' }, { label: 'startmail2._domainkey', target: 'startmail2._domainkey.startmail.com' }],
  },
  {
    id: 'hushmail', role: 'mailbox', name: 'Hushmail', domains: ['hushmail.com'], aliases: ['Hush Communications'],
    source: 'https://help.hushmail.com/', network: 'ovh', spf: 'include:_spf.hushmail.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.hushmail.com' }, { preference: 20, host: 'mx2.hushmail.com' }], note: 'Hushmail for Business; MX and SPF names modelled on its domain, network modelled' }],
  },
  {
    id: 'neomailbox', role: 'mailbox', name: 'Neomailbox', domains: ['neomailbox.com', 'neomailbox.net'],
    source: 'https://www.neomailbox.com/', network: 'ovh', spf: 'include:spf.neomailbox.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.neomailbox.net' }], note: 'MX and SPF names modelled on its service domain, network modelled' }],
  },
  {
    id: 'soverin', role: 'mailbox', name: 'Soverin', domains: ['soverin.net'], aliases: ['Soverin B.V.'],
    source: 'https://soverin.net/', network: 'hetzner', spf: 'include:soverin.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.soverin.net' }], note: 'Soverin announces its own AS 211993; modelled on Hetzner to keep the service networks within their /24s' }],
  },
  {
    id: 'allinkl-mail', role: 'mailbox', name: 'ALL-INKL.COM', domains: ['all-inkl.com', 'kasserver.com'], aliases: ['Neue Medien Muennich'],
    source: 'https://all-inkl.com/', network: 'allinkl', spf: 'include:spf.kasserver.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'w{d:7}.kasserver.com' }], note: 'mail is served by the customer\'s KAS server wNNNNNNN.kasserver.com; SPF name modelled' }],
  },
  {
    id: 'netcup-mail', role: 'mailbox', name: 'netcup', domains: ['netcup.de', 'netcup.net', 'netcup.eu'], aliases: ['netcup GmbH'],
    source: 'https://www.netcup.com/', network: 'netcup', spf: 'include:_spf.netcup.net',
    forms: [{ weight: 1, mx: [{ preference: 50, host: 'mx{h:4}.netcup.net' }], note: 'webhosting mail; the per-server MX name and SPF are modelled on netcup.net' }],
  },
  {
    id: 'netease-qiye', role: 'mailbox', name: 'NetEase Qiye Mail', domains: ['163.com', 'netease.com'], aliases: ['NetEase', 'NetEase Enterprise Mail'],
    source: 'https://qiye.163.com/', network: 'amazon', spf: 'include:spf.163.com',
    forms: [{ weight: 1, mx: [{ preference: 5, host: 'qiye163mx01.mxmail.netease.com' }, { preference: 10, host: 'qiye163mx02.mxmail.netease.com' }], note: 'serving network (NetEase, AS 131659) modelled on AWS' }],
  },
  {
    id: 'luxsci', role: 'mailbox', name: 'LuxSci', domains: ['luxsci.com', 'luxsci.net'], aliases: ['Lux Scientiae'],
    source: 'https://luxsci.com/', network: 'amazon', spf: 'include:spf.luxsci.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.luxsci.com' }, { preference: 20, host: 'mx2.luxsci.com' }], note: 'HIPAA mail host; MX/SPF names and network modelled' }],
  },
  {
    id: 'mailhostbox', role: 'mailbox', name: 'Mailhostbox', domains: ['mailhostbox.com'], aliases: ['ResellerClub Business Email', 'Directi'],
    source: 'https://www.mailhostbox.com/', network: 'amazon', spf: 'include:us2.spf.mailhostbox.com',
    forms: [{ weight: 1, mx: [{ preference: 100, host: 'us2.mx1.mailhostbox.com' }, { preference: 100, host: 'us2.mx2.mailhostbox.com' }, { preference: 100, host: 'us2.mx3.mailhostbox.com' }], note: 'SPF name and network modelled' }],
  },
  {
    id: 'neo', role: 'mailbox', name: 'Neo', domains: ['neo.space'], aliases: ['Neo Business Email'],
    source: 'https://www.neo.space/', network: 'amazon', spf: 'include:spf.neo.space',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.neo.space' }, { preference: 20, host: 'mx2.neo.space' }], note: 'network modelled on AWS' }],
  },
  {
    id: 'loopia-mail', role: 'mailbox', name: 'Loopia', domains: ['loopia.se', 'loopia.com'], aliases: ['Loopia AB'],
    source: 'https://support.loopia.com/wiki/email-account-management/', network: 'loopia', spf: 'include:spf.loopia.se',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mailcluster.loopia.se' }, { preference: 20, host: 'mail2.loopia.se' }] }],
  },
  {
    id: 'fasthosts-mail', role: 'mailbox', name: 'Fasthosts', domains: ['fasthosts.co.uk', 'livemail.co.uk'], aliases: ['Fasthosts Internet'],
    source: 'https://www.fasthosts.co.uk/', network: 'fasthosts', spf: 'include:_spf.livemail.co.uk',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx0.livemail.co.uk' }, { preference: 20, host: 'mx1.livemail.co.uk' }], note: 'MX and SPF names modelled on its livemail.co.uk service domain' }],
  },
  {
    id: '123reg-mail', role: 'mailbox', name: '123 Reg', domains: ['123-reg.co.uk'], aliases: ['123-reg'],
    source: 'https://www.123-reg.co.uk/', network: 'fasthosts', spf: 'include:_spf.123-reg.co.uk',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx0.123-reg.co.uk' }, { preference: 20, host: 'mx1.123-reg.co.uk' }], note: 'SPF name modelled; serving network modelled on a UK host' }],
  },
  {
    id: 'uberspace', role: 'mailbox', name: 'Uberspace', domains: ['uberspace.de'], aliases: ['Uberspace 7'],
    source: 'https://manual.uberspace.de/', network: 'hetzner', spf: 'include:spf.uberspace.de',
    forms: [{ weight: 1, mx: [{ preference: 0, host: '{pick:andromeda|lyra|orion|vega|draco|pavo|norma|ara}.uberspace.de' }], note: 'mail goes to the account\'s host, named after a star; SPF and network modelled' }],
  },
  {
    id: 'hostpoint-mail', role: 'mailbox', name: 'Hostpoint', domains: ['hostpoint.ch'], aliases: ['Hostpoint AG'],
    source: 'https://www.hostpoint.ch/', network: 'infomaniak', spf: 'include:spf.mail.hostpoint.ch',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.mail.hostpoint.ch' }, { preference: 10, host: 'mx2.mail.hostpoint.ch' }], note: 'MX and SPF names modelled on its domain; Hostpoint announces AS 29097, modelled on another Swiss host\'s network to keep the service networks within their /24s' }],
  },
  {
    id: 'simply', role: 'mailbox', name: 'Simply.com', domains: ['simply.com'], aliases: ['UnoEuro'],
    source: 'https://www.simply.com/', network: 'hetzner', spf: 'include:spf.simply.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.simply.com' }], note: 'MX/SPF names and network modelled' }],
  },
];

export const GATEWAYS: readonly MailSpec[] = [
  {
    id: 'proofpoint', role: 'gateway', name: 'Proofpoint', domains: ['proofpoint.com', 'pphosted.com', 'ppe-hosted.com'],
    source: 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/000_gettingstarted/020_connectiondetails', network: 'proofpoint', spf: 'include:%{ir}.%{v}.%{d}.spf.has.pphosted.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx0a-{n:00100000-00999999}.pphosted.com' }, { preference: 10, host: 'mx0b-{n}.pphosted.com' }] }],
  },
  {
    id: 'proofpoint-essentials', role: 'gateway', name: 'Proofpoint Essentials', domains: ['proofpoint.com', 'ppe-hosted.com', 'pphosted.com'], aliases: ['Proofpoint'],
    source: 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/000_gettingstarted/020_connectiondetails', network: 'proofpoint', spf: 'include:_spf-us.ppe-hosted.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1-us1.ppe-hosted.com' }, { preference: 20, host: 'mx2-us1.ppe-hosted.com' }] }],
  },
  {
    id: 'mimecast', role: 'gateway', name: 'Mimecast', domains: ['mimecast.com'],
    source: 'https://community.mimecast.com/s/article/Mimecast-Data-Centers-and-URLs', network: 'mimecast', spf: 'include:_netblocks.mimecast.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'us-smtp-inbound-1.mimecast.com' }, { preference: 10, host: 'us-smtp-inbound-2.mimecast.com' }] }],
  },
  {
    id: 'barracuda', role: 'gateway', name: 'Barracuda Email Protection', domains: ['barracuda.com', 'barracudanetworks.com'], aliases: ['Barracuda Networks', 'Barracuda'],
    source: 'https://campus.barracuda.com/product/emailgatewaydefense/doc/96023036/step-2-configure-microsoft-365-for-inbound-and-outbound-mail/', network: 'barracuda', spf: 'include:spf.ess.barracudanetworks.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'd{n:100000-999999}a.ess.barracudanetworks.com' }, { preference: 10, host: 'd{n}b.ess.barracudanetworks.com' }] }],
  },
  {
    id: 'spamexperts', role: 'gateway', name: 'SpamExperts', domains: ['spamexperts.com', 'spamexperts.eu', 'spamexperts.net', 'n-able.com'], aliases: ['N-able Mail Assure', 'SolarWinds MSP'],
    source: 'https://documentation.n-able.com/spamexperts/userguide/Content/incoming-filtering/mx-records.htm', network: 'solarwindsmsp', spf: 'include:mx.spamexperts.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx.spamexperts.com' }, { preference: 20, host: 'fallbackmx.spamexperts.eu' }, { preference: 30, host: 'lastmx.spamexperts.net' }] }],
  },
  {
    id: 'hornetsecurity', role: 'gateway', name: 'Hornetsecurity', domains: ['hornetsecurity.com'], aliases: ['Vade'],
    source: 'https://support.hornetsecurity.com/hc/en-us/articles/22023286213905-Set-up-MX-records', network: 'hornetsecurity', spf: 'include:spf.hornetsecurity.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx01.hornetsecurity.com' }, { preference: 10, host: 'mx02.hornetsecurity.com' }, { preference: 20, host: 'mx03.hornetsecurity.com' }, { preference: 20, host: 'mx04.hornetsecurity.com' }] }],
  },
  {
    id: 'sophos', role: 'gateway', name: 'Sophos Email', domains: ['sophos.com'], aliases: ['Sophos'],
    source: 'https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/EmailSetup/MXRecords/index.html', network: 'amazon', spf: 'include:_spf.prod.hydra.sophos.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx-01-us-west-2.prod.hydra.sophos.com' }, { preference: 20, host: 'mx-02-us-west-2.prod.hydra.sophos.com' }], note: 'Sophos Email runs in AWS regions' }],
  },
  {
    id: 'mailroute', role: 'gateway', name: 'MailRoute', domains: ['mailroute.net'],
    source: 'https://www.mailroute.net/docs/getting-started/', network: 'amazon', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mail.mailroute.net' }], note: 'serving network not published; modelled on AWS' }],
  },
  {
    id: 'spamstopshere', role: 'gateway', name: 'SpamStopsHere', domains: ['spamstopshere.net', 'greenviewdata.com'], aliases: ['Greenview Data'],
    source: 'https://www.greenviewdata.com/support/spamstopshere-setup/', network: 'greenview', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.spamstopshere.net' }, { preference: 20, host: 'mx2.spamstopshere.net' }] }],
  },
  // Gateways outside the MSP favourites; MX shapes modelled on each service's own
  // domain where its setup page was not at hand (the note says so).
  {
    id: 'spambrella', role: 'gateway', name: 'Spambrella', domains: ['spambrella.com'],
    source: 'https://www.spambrella.com/', network: 'amazon', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.spambrella.com' }, { preference: 20, host: 'mx2.spambrella.com' }], note: 'MX names and network modelled' }],
  },
  {
    id: 'mailcleaner', role: 'gateway', name: 'MailCleaner', domains: ['mailcleaner.net'], aliases: ['Fastnet SA'],
    source: 'https://www.mailcleaner.net/', network: 'ovh', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.mailcleaner.net' }, { preference: 20, host: 'mx2.mailcleaner.net' }], note: 'MX names and network modelled' }],
  },
  {
    id: 'exchangedefender', role: 'gateway', name: 'ExchangeDefender', domains: ['exchangedefender.com'], aliases: ['Own Web Now'],
    source: 'https://www.exchangedefender.com/', network: 'amazon', spf: 'include:_spf.exchangedefender.com',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'inbound.exchangedefender.com' }], note: 'MX/SPF names and network modelled' }],
  },
  {
    id: 'duocircle', role: 'gateway', name: 'DuoCircle', domains: ['duocircle.com', 'mailhop.org'], aliases: ['MailHop'],
    source: 'https://www.duocircle.com/', network: 'amazon', spf: 'include:outbound.mailhop.org',
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.mailhop.org' }, { preference: 20, host: 'mx2.mailhop.org' }], note: 'DuoCircle runs the former Dyn MailHop service (mx2.mailhop.org is its published backup MX); primary MX and network modelled' }],
  },
  {
    id: 'mailguard', role: 'gateway', name: 'MailGuard', domains: ['mailguard.com.au'],
    source: 'https://www.mailguard.com.au/', network: 'amazon', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.mailguard.com.au' }, { preference: 20, host: 'mx2.mailguard.com.au' }], note: 'MX names and network modelled' }],
  },
  {
    id: 'retarus', role: 'gateway', name: 'Retarus Secure Email Platform', domains: ['retarus.com', 'retarus.net'], aliases: ['Retarus'],
    source: 'https://www.retarus.com/', network: 'amazon', spf: 'include:spf.retarus.net',
    forms: [{ weight: 1, mx: [{ preference: 10, host: '{label}.mx1.retarus.net' }, { preference: 20, host: '{label}.mx2.retarus.net' }], note: 'MX/SPF names and network modelled' }],
  },
  {
    id: 'altospam', role: 'gateway', name: 'Altospam', domains: ['altospam.com'],
    source: 'https://www.altospam.com/', network: 'ovh', spf: null,
    forms: [{ weight: 1, mx: [{ preference: 10, host: 'mx1.altospam.com' }, { preference: 20, host: 'mx2.altospam.com' }], note: 'MX names and network modelled' }],
  },
];
