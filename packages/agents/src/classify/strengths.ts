// Every confidence the classifier gives, one table per answer. Each number is the strength
// of one piece of evidence; the strongest piece sets an answer's confidence and each
// further independent piece adds CORROBORATION_BONUS. An answer below MIN_CONFIDENCE is
// reported unknown ("evidence too weak"). Uncatalogued names sit below the catalogued
// strength of the same evidence: the name is read from the evidence, not from a
// provider's published records, so it may be a brand's second domain or a reseller.

/** The one threshold: an answer weaker than this is unknown. */
export const MIN_CONFIDENCE = 0.3;
/** Below this an answer is a hint: the playbook says "weak hint only" and the spend estimate ignores it. */
export const FIRM_CONFIDENCE = 0.5;
export const CORROBORATION_BONUS = 0.05;
export const MAX_CONFIDENCE = 0.98;

export const EMAIL_STRENGTH = {
  /** MX at a catalogued mailbox host: the provider says so itself. */
  mx: 0.95,
  /** SPF include of a mailbox host: it sends the domain's mail, usually it stores it too. */
  spf: 0.5,
  /** autodiscover CNAME to a mailbox host: clients are configured there. */
  autodiscover: 0.55,
  srv: 0.5,
  token: 0.4,
  /** A token many non-customers carry too (google-site-verification=). */
  weakToken: 0.1,
  /** MX inside the domain on an access line: a server in the office. */
  selfHosted: 0.8,
  selfHostedCorroborated: 0.85,
  /** Mail hosts on an access line behind a gateway. */
  behindGateway: 0.65,
  behindGatewayCorroborated: 0.75,
  /** MX inside the domain on a catalogued mail host's network (a white-label MX name). */
  ownMxAtHost: 0.6,
  /** MX at a host not in the catalog: named by its registrable domain. */
  uncataloguedMx: 0.6,
  /** Behind a gateway: the one SPF include that is neither the gateway nor a bulk sender. */
  uncataloguedSpf: 0.4,
} as const;

export const GATEWAY_STRENGTH = {
  mx: 0.95,
  /** An uncatalogued MX in front of a catalogued mailbox host named by SPF or autodiscover. */
  uncataloguedMx: 0.5,
} as const;

export const WEB_HOST_STRENGTH = {
  /** Platform evidence: what the site itself or its CNAME names. */
  cname: 0.9,
  address: 0.9,
  header: 0.75,
  markup: 0.6,
  /** A credit link to a catalogued host ("Made with Carrd"): the page names its platform. */
  credit: 0.6,
  uncataloguedCname: 0.6,
  uncataloguedAssets: 0.55,
  /** A credit link to an uncatalogued domain that other evidence names too. */
  uncataloguedCredit: 0.5,
  uncataloguedBuilder: 0.45,
  /** Network evidence: who owns the serving address; counts only when no platform is named. */
  ptr: 0.65,
  /** A reverse name under a hosting brand's own domain on a network it rents: above the network's ASN. */
  resellerPtr: 0.62,
  asn: 0.6,
  uncataloguedNetwork: 0.45,
  /** The site is served from an access line. */
  selfHosted: 0.7,
} as const;

/** CMS and e-commerce platform. */
export const PLATFORM_STRENGTH = {
  header: 0.85,
  markup: 0.8,
  cname: 0.85,
  /** A credit link to a catalogued CMS ("Proudly powered by WordPress"). */
  credit: 0.7,
  uncataloguedGenerator: 0.5,
  /** A site builder's own shop: the builder serves the site and the page is a storefront. */
  builderShop: 0.6,
} as const;

export const DNS_STRENGTH = {
  ns: 0.9,
  /** The one of several services sharing name servers that also serves the site. */
  servesSite: 0.9,
  /** Still tied: the catalog's commoner operator, said so. */
  sharedGuess: 0.5,
  uncataloguedNs: 0.6,
} as const;

export const ISP_STRENGTH = {
  asn: 0.6,
  asnAndPtr: 0.85,
  ptrOnly: 0.5,
  /** A catalogued ISP's non-access network (transit, hosting): weak. */
  transit: 0.35,
  /** An access network not in the catalog, named by its AS organisation. */
  uncataloguedAccess: 0.55,
  uncataloguedAccessPtr: 0.65,
  /** A subscriber mailbox domain in the list (comcast.net): a hint only. */
  mailDomainHint: 0.25,
} as const;

export const VOIP_STRENGTH = {
  srv: 0.85,
  cname: 0.8,
  /** A SIP SRV record or sip. CNAME at a domain the catalog does not know. */
  uncataloguedSrv: 0.6,
  uncataloguedCname: 0.55,
  token: 0.6,
  weakToken: 0.2,
} as const;

export const PRESENCE_STRENGTH = {
  /** A verified site: at least this, more with a higher authenticity score. */
  website: 0.6,
  /** A verified site whose authenticity was not scored. */
  unscoredSite: 0.5,
  /** A domain carrying the business's mail, named in the list's e-mail column. */
  noWebsite: 0.7,
  noWebsiteWithSpf: 0.75,
  socialOnly: 0.7,
  /** Nothing found after checking candidates. */
  noneChecked: 0.8,
  noneUnchecked: 0.6,
} as const;
