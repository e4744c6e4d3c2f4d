// One digest-signing key pair. CloudTrail publishes the public half through
// ListPublicKeys as the PKCS#1 RSAPublicKey DER (awscli v1 loads nothing
// else) and names it by the lowercase hex MD5 of those bytes, the value
// digests carry in digestPublicKeyFingerprint (reference §6.4).
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const KEY_BITS = 2048;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a key is valid (AWS's keys: 30 days). */
export const KEY_VALIDITY_MS = 30 * DAY_MS;
/**
 * How long a key signs before a new one takes over. Half the validity, so a
 * key stays valid for 15 days after its last signature and consecutive
 * windows overlap, as AWS's do.
 */
export const KEY_SIGNING_MS = 15 * DAY_MS;

/** What ListPublicKeys shows of a key. */
export interface PublicSigningKey {
  fingerprint: string;
  region: string;
  /** PKCS#1 RSAPublicKey, DER: ListPublicKeys' Value. */
  publicDer: Buffer;
  validFrom: Date;
  validUntil: Date;
}

export interface SigningKey extends PublicSigningKey {
  privateKey: KeyObject;
}

function fingerprintOf(publicDer: Uint8Array): string {
  return createHash('md5').update(publicDer).digest('hex');
}

/** The public key a validator loads from ListPublicKeys' Value. */
export function publicKeyFromDer(publicDer: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(publicDer), format: 'der', type: 'pkcs1' });
}

function signingKeyFrom(region: string, privateKey: KeyObject, validFrom: Date): SigningKey {
  const publicDer = createPublicKey(privateKey).export({ type: 'pkcs1', format: 'der' });
  return {
    fingerprint: fingerprintOf(publicDer),
    region,
    publicDer,
    privateKey,
    validFrom,
    validUntil: new Date(validFrom.getTime() + KEY_VALIDITY_MS),
  };
}

export async function generateSigningKey(region: string, validFrom: Date): Promise<SigningKey> {
  // Asynchronous: generating an RSA-2048 key takes tens of milliseconds of CPU, off the event loop.
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: KEY_BITS });
  return signingKeyFrom(region, privateKey, validFrom);
}

export const privateKeyToPem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }) as string;
export const privateKeyFromPem = (pem: string): KeyObject => createPrivateKey(pem);
