/** A self-signed certificate for the sandbox's HTTPS side, made once per process. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

const HOSTS = ['api.dataforseo.com', 'sandbox.dataforseo.com', 'api.aisa.one', 'localhost'];

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 20_000 }, (err) => (err ? reject(err) : resolve()));
  });
}

async function withOpenssl(): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'bl-sandbox-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const san = [...HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '365', '-subj', '/CN=Backlink Lens API sandbox', '-addext', `subjectAltName=${san}`,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pure-JS fallback for machines without the openssl binary (node-forge is a dependency of web-ext). */
async function withForge(): Promise<KeyPair> {
  const name = 'node-forge';
  const mod = (await import(name)) as { default?: unknown };
  const forge = (mod.default ?? mod) as any;
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + Date.now().toString(16);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: 'Backlink Lens API sandbox' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [...HOSTS.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }] }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey) as string, cert: forge.pki.certificateToPem(cert) as string };
}

let pending: Promise<KeyPair> | null = null;

export function certificate(): Promise<KeyPair> {
  pending ??= withOpenssl().catch(() => withForge());
  return pending;
}
