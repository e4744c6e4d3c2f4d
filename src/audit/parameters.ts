// requestParameters and responseElements: a request's input and a response's
// output rendered from the model, the way CloudTrail shows them.
//
// - Member names are the model's with the first letter lower-cased. For IAM,
//   STS and CloudTrail (PascalCase models) this is what CloudTrail shows
//   (`userName`, `s3BucketName`, even `sAMLProviderArn`); IoT Analytics'
//   names are camelCase already. Map keys are data and stay as sent.
// - Every member is rendered, wherever the protocol carried it (URI label,
//   query string, header or body), as CloudTrail does for REST services.
// - Secrets (`@sensitive`) and payloads (blobs) in requests become
//   HIDDEN_DUE_TO_SECURITY_REASONS; in responses sensitive members are left
//   out, as AWS leaves STS's secretAccessKey out of AssumeRole's record.
// - Timestamps are ISO-8601 UTC seconds (current CloudTrail records; older
//   ones showed Java's "Mar 1, 2024 12:00:00 AM").
// - A field whose JSON exceeds 100 KB is replaced by {"omitted": true}
//   (docs/FIDELITY.md, "Audit: oversized fields").
import type { Member, Shape } from '../protocol/model/shapes.ts';
import { isoSeconds } from './time.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';
export const FIELD_LIMIT_BYTES = 100 * 1024;

type SensitiveMode = 'hide' | 'omit';

/** The request's members; null when the caller sent none. */
export function requestParameters(input: Record<string, unknown> | undefined, shape: Shape | undefined): JsonObject | null {
  return render(input, shape, 'hide');
}

/** The response's members; null when the response carried none. */
export function responseElements(output: Record<string, unknown> | undefined, shape: Shape | undefined): JsonObject | null {
  return render(output, shape, 'omit');
}

function render(value: Record<string, unknown> | undefined, shape: Shape | undefined, mode: SensitiveMode): JsonObject | null {
  if (!value || !shape) return null;
  const rendered = renderStructure(value, shape, mode);
  if (Object.keys(rendered).length === 0) return null;
  return Buffer.byteLength(JSON.stringify(rendered)) > FIELD_LIMIT_BYTES ? { omitted: true } : rendered;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function renderStructure(value: Record<string, unknown>, shape: Shape, mode: SensitiveMode): JsonObject {
  const out: JsonObject = {};
  for (const member of shape.members) {
    const v = value[member.name];
    if (v === undefined || v === null) continue;
    if (member.sensitive && mode === 'omit') continue;
    out[lowerFirst(member.name)] = renderValue(v, member, mode);
  }
  return out;
}

function renderValue(value: unknown, member: Member, mode: SensitiveMode): Json {
  if (member.sensitive) return HIDDEN;
  const target = member.target;
  switch (target.type) {
    case 'structure':
    case 'union':
      return renderStructure(value as Record<string, unknown>, target, mode);
    case 'list':
    case 'set':
      return (value as unknown[]).map((item) => (item === null ? null : renderValue(item, target.listMember, mode)));
    case 'map': {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== undefined) out[key] = item === null ? null : renderValue(item, target.mapValue, mode);
      }
      return out;
    }
    case 'blob':
      return HIDDEN;
    case 'timestamp':
      return isoSeconds(value as Date);
    default:
      return value as Json;
  }
}
