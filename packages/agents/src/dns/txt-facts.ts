// Facts read from TXT values: SaaS verification tokens and the DMARC policy.

/** Prefixes (lower case) of domain-verification tokens that name a SaaS the domain uses. */
export const VERIFICATION_PREFIXES = [
  'google-site-verification=',
  'ms=',
  'facebook-domain-verification=',
  'atlassian-domain-verification=',
  'apple-domain-verification=',
  'docusign=',
  'adobe-idp-site-verification=',
  'adobe-sign-verification=',
  'zoom-verification=',
  'zoom_verify_',
  'stripe-verification=',
  'globalsign-domain-verification=',
  'dropbox-domain-verification=',
  'onetrust-domain-verification=',
  'hubspot-developer-verification=',
  'hubspot-site-verification=',
  'mailchimp-domain-verification=',
  'klaviyo-site-verification=',
  'shopify-verification-code=',
  'squarespace-domain-verification=',
  'wix-verification=',
  'godaddy-verification=',
  'ringcentral-domain-verification=',
  'dialpad-domain-verification=',
  'have-i-been-pwned-verification=',
  'yandex-verification:',
  'zoho-verification=',
  'citrix-verification-code=',
  'miro-verification=',
  'slack-domain-verification=',
  'twilio-domain-verification=',
  'webexdomainverification.',
  'cisco-ci-domain-verification=',
  'pardot',
  'knowbe4-site-verification=',
  'openai-domain-verification=',
  'brave-ledger-verification=',
  'smartsheet-site-validation=',
  'intuit-domain-verification=',
  'notion-domain-verification=',
  'canva-site-verification=',
  'amazonses:',
  'mongodb-site-verification=',
  'v=verifydomain',
] as const;

export function verificationTokens(txt: readonly string[]): string[] {
  return txt.filter((value) => {
    const lower = value.trim().toLowerCase();
    return VERIFICATION_PREFIXES.some((prefix) => lower.startsWith(prefix));
  });
}

export function pickDmarc(txt: readonly string[]): string | null {
  return txt.find((value) => /^v=dmarc1(\s*;|\s|$)/i.test(value.trim())) ?? null;
}
