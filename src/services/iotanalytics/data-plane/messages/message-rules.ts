// What a channel accepts (reference §5.2; BatchPutMessage API reference, and
// the user guide's "Message payload syntax"). Shared by BatchPutMessage and
// the MQTT ingestion, so a message is judged the same way whichever way it
// came. Structural problems of a batch fail the whole call; problems of one
// message's content are reported for that message only, and the rest of the
// batch is stored (docs/FIDELITY.md, "BatchPutMessage").
import { errors } from '../../errors.ts';
import type { ChannelMessage } from './batch-codec.ts';
import { keyText, topLevelKeyRanges } from './top-level-keys.ts';

/** BatchPutMessage batch size quota (L-59E2DC0E, not adjustable). */
export const MAX_MESSAGES_PER_BATCH = 100;
/** BatchPutMessage message size quota (L-A9F757CF, not adjustable): 128 KB. */
export const MAX_PAYLOAD_BYTES = 128 * 1024;
export const MAX_ATTRIBUTE_NAME_LENGTH = 255;

export interface MessageError {
  messageId: string;
  errorCode: string;
  errorMessage: string;
}

export interface ScreenedBatch {
  accepted: ChannelMessage[];
  rejected: MessageError[];
}

/** Fails the whole batch (InvalidRequestException) for too many messages or a repeated messageId. */
export function checkBatchStructure(messages: readonly { messageId: string }[]): void {
  if (messages.length > MAX_MESSAGES_PER_BATCH) {
    throw errors.invalidRequest(`A batch can contain at most ${MAX_MESSAGES_PER_BATCH} messages; this one has ${messages.length}.`);
  }
  const seen = new Set<string>();
  for (const { messageId } of messages) {
    if (seen.has(messageId)) throw errors.invalidRequest(`Message IDs must be unique within a batch; ${messageId} is used more than once.`);
    seen.add(messageId);
  }
}

/** Splits a batch into the messages a channel stores and the ones it refuses, each with its reason. */
export function screenMessages(messages: readonly ChannelMessage[]): ScreenedBatch {
  const accepted: ChannelMessage[] = [];
  const rejected: MessageError[] = [];
  for (const message of messages) {
    const problem = payloadProblem(message.payload);
    if (problem === undefined) accepted.push(message);
    else rejected.push({ messageId: message.messageId, errorCode: 'InvalidRequestException', errorMessage: problem });
  }
  return { accepted, rejected };
}

/**
 * Why a payload cannot be stored, or undefined. Payloads that are not JSON
 * objects are stored as they are: channels keep raw messages, and a pipeline
 * whose first activity is a lambda can turn binary data into JSON. The
 * attribute-name rules apply to the top-level attributes of JSON objects,
 * which become the data store's columns.
 */
export function payloadProblem(payload: Buffer): string | undefined {
  if (payload.length > MAX_PAYLOAD_BYTES) {
    return `The message payload is ${payload.length} bytes; the maximum is ${MAX_PAYLOAD_BYTES} bytes (128 KB).`;
  }
  const ranges = topLevelKeyRanges(payload);
  if (ranges === undefined) return undefined;
  const problem = hasEscape(payload, ranges) ? attributeNameProblem(...decodedNames(payload, ranges)) : attributeNameProblem(payload, ranges);
  // The scan reads objects without checking all of JSON; a payload that is
  // not valid JSON after all is stored raw, like any other non-JSON payload.
  if (problem !== undefined && !isJson(payload)) return undefined;
  return problem;
}

function isJson(payload: Buffer): boolean {
  try {
    JSON.parse(payload.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function hasEscape(payload: Uint8Array, ranges: number[]): boolean {
  for (let k = 0; k < ranges.length; k += 2) {
    for (let i = ranges[k]; i < ranges[k + 1]; i++) if (payload[i] === 0x5c) return true;
  }
  return false;
}

/** Rare: a name written with escapes (`"\u0061"`). The names, decoded, laid out one after another. */
function decodedNames(payload: Uint8Array, ranges: number[]): [Uint8Array, number[]] {
  const names: Buffer[] = [];
  const decodedRanges: number[] = [];
  let at = 0;
  for (let k = 0; k < ranges.length; k += 2) {
    const name = Buffer.from(keyText(payload, ranges[k], ranges[k + 1]), 'utf8');
    names.push(name);
    decodedRanges.push(at, at + name.length);
    at += name.length;
  }
  return [Buffer.concat(names), decodedRanges];
}

// Names are checked on their bytes: every valid name is ASCII.
function attributeNameProblem(payload: Uint8Array, ranges: number[]): string | undefined {
  for (let k = 0; k < ranges.length; k += 2) {
    const start = ranges[k];
    const end = ranges[k + 1];
    if (end - start > MAX_ATTRIBUTE_NAME_LENGTH) {
      return `The attribute name ${keyText(payload, start, start + 32)}… is longer than ${MAX_ATTRIBUTE_NAME_LENGTH} characters.`;
    }
    if (!isAttributeName(payload, start, end)) {
      return `The attribute name '${keyText(payload, start, end)}' is not valid: attribute names contain only letters, digits and underscores, and begin with a letter or a single underscore.`;
    }
    for (let j = 0; j < k; j += 2) {
      if (sameIgnoringCase(payload, ranges[j], ranges[j + 1], start, end)) {
        const earlier = keyText(payload, ranges[j], ranges[j + 1]);
        return `The attribute names '${earlier}' and '${keyText(payload, start, end)}' are duplicates: attribute names are case-insensitive.`;
      }
    }
  }
  return undefined;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The documented rules: only letters, digits and underscores; "Must begin
 * with an alphabetic character or single underscore". The documented regex,
 * ^[A-Za-z_]([A-Za-z0-9]*|[A-Za-z0-9][A-Za-z0-9_]*)$, read literally also
 * refuses an underscore in second place after a letter (`a_b`); we follow
 * the words, which refuse less (docs/FIDELITY.md, "BatchPutMessage").
 */
function isAttributeName(bytes: Uint8Array, start: number, end: number): boolean {
  if (end === start) return false;
  const first = bytes[start];
  if (!isLetter(first) && first !== 0x5f) return false;
  for (let i = start + 1; i < end; i++) {
    const c = bytes[i];
    if (isLetter(c) || isDigit(c)) continue;
    if (c !== 0x5f || (i === start + 1 && first === 0x5f)) return false;
  }
  return true;
}

/** Two valid (ASCII) names, equal when case is ignored. */
function sameIgnoringCase(bytes: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) {
    const x = bytes[aStart + i];
    const y = bytes[bStart + i];
    if (x !== y && !(isLetter(x) && (x | 0x20) === (y | 0x20))) return false;
  }
  return true;
}
