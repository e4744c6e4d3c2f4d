// Identifiers in AWS's formats.
import { randomBytes, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A 12-digit account id that does not start with 0. */
export function newAccountId(): string {
  return String(randomInt(1, 10)) + pick('0123456789', 11);
}

/**
 * IAM unique ids and access keys: a 4-letter prefix saying what they are
 * (AKIA long-term key, ASIA temporary key, AIDA user, AROA role) and
 * upper-case characters: 20 in all for access keys, 21 for unique ids
 * (e.g. AIDAJQABLZS4A3QDU576Q).
 */
export function newIamId(prefix: 'AKIA' | 'ASIA' | 'AIDA' | 'AROA'): string {
  return prefix + pick(BASE32, prefix === 'AIDA' || prefix === 'AROA' ? 17 : 16);
}

export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, 40).padEnd(40, 'A');
}

/** Random alphanumerics, e.g. the 16-character suffix of CloudTrail log file names. */
export function randomAlphanumeric(length: number): string {
  return pick(ALNUM, length);
}
