// A simulated certificate authority: one CA, one shared RSA leaf key, leaf certificates
// issued lazily per server name and cached.
import { generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
import tls from 'node:tls';
import forge from 'node-forge';

export interface SimCa {
  certPem: string;
  /** A secure context for `servername`, signed by the CA (or broken on purpose). */
  contextFor(servername: string, flavor?: 'valid' | 'self-signed' | 'wrong-name'): tls.SecureContext;
}

function rsaPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  // Native key generation: node-forge's pure-JS RSA takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Signs with native RSA: node-forge's pure-JS signature took 50-900 ms per certificate,
 * which made TLS handshakes to new hosts the simulated Internet's bottleneck. Same
 * PKCS#1 v1.5 signature (DigestInfo of the SHA-256 digest, private-key operation).
 */
function nativeSigner(pem: string): forge.pki.rsa.PrivateKey {
  const sign = (md: forge.md.MessageDigest): string =>
    privateEncrypt(pem, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')])).toString('binary');
  return { sign } as unknown as forge.pki.rsa.PrivateKey;
}

function baseCert(publicKey: forge.pki.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  return cert;
}

export function createSimCa(): SimCa {
  const caKeys = rsaPair();
  const caCert = baseCert(caKeys.publicKey, 3650);
  const caSubject = [{ name: 'commonName', value: 'Simnet Root CA' }, { name: 'organizationName', value: 'Prospector Simnet' }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(caCert);
  const leafKeys = rsaPair();
  const cache = new Map<string, tls.SecureContext>();

  const issue = (servername: string, flavor: 'valid' | 'self-signed' | 'wrong-name'): string => {
    const cn = flavor === 'wrong-name' ? `wrong-name.invalid` : servername;
    const cert = baseCert(leafKeys.publicKey, 90);
    cert.setSubject([{ name: 'commonName', value: cn }]);
    cert.setIssuer(flavor === 'self-signed' ? [{ name: 'commonName', value: cn }] : caSubject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: cn }] },
    ]);
    cert.sign(nativeSigner(flavor === 'self-signed' ? leafKeys.pem : caKeys.pem), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  };

  return {
    certPem,
    contextFor(servername, flavor = 'valid') {
      const key = `${flavor}|${servername.toLowerCase()}`;
      let context = cache.get(key);
      if (!context) {
        const chain = flavor === 'self-signed' ? issue(servername, flavor) : issue(servername, flavor) + certPem;
        context = tls.createSecureContext({ key: leafKeys.pem, cert: chain });
        cache.set(key, context);
      }
      return context;
    },
  };
}
