// The thing registry and shadows that deviceRegistryEnrich and
// deviceShadowEnrich read, kept in a JSON file the user writes (there is no
// AWS IoT Core here). Format, documented in docs/PIPELINES.md:
//
//   { "things":  { "<thingName>": { "thingTypeName"?, "attributes"?, "version"?, "thingId"?,
//                                   "defaultClientId"?, "billingGroupName"? } },
//     "shadows": { "<thingName>": { "state": { "desired"?, "reported"?, … }, … } } }
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { ThingDescription, ThingDirectory } from './deps.ts';
import { isJsonObject, type JsonObject } from './json.ts';

export interface ThingRecord {
  thingTypeName?: string;
  attributes?: Record<string, string>;
  version?: number;
  thingId?: string;
  defaultClientId?: string;
  billingGroupName?: string;
}

export interface ThingsDocument {
  things?: Record<string, ThingRecord>;
  shadows?: Record<string, JsonObject>;
}

/** Where thing ARNs point: arn:aws:iot:<region>:<accountId>:thing/<name>. */
export interface ThingScope {
  region: string;
  accountId: string;
}

/** A directory over a document already in memory. Throws when the document is malformed. */
export function createThingDirectory(document: unknown, scope: ThingScope): ThingDirectory {
  const { things, shadows } = checkDocument(document);
  return {
    async describeThing(name) {
      const record = Object.hasOwn(things, name) ? things[name] : undefined;
      return record && describe(name, record, scope);
    },
    async getThingShadow(name) {
      return Object.hasOwn(shadows, name) ? structuredClone(shadows[name]) : undefined;
    },
  };
}

/**
 * A directory over a JSON file, re-read whenever it changes, so things can be
 * added while the server runs. A missing file is an empty directory; a file
 * that cannot be parsed makes every lookup fail (and so the enrich activity's
 * batch, which is kept for another try).
 */
export function createFileThingDirectory(path: string, scope: ThingScope): ThingDirectory {
  let loaded: { mtimeMs: number; directory: ThingDirectory } | undefined;
  const current = async (): Promise<ThingDirectory> => {
    const mtimeMs = await stat(path).then((s) => s.mtimeMs, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return -1;
      throw error;
    });
    if (loaded?.mtimeMs !== mtimeMs) {
      const text = mtimeMs < 0 ? '{}' : await readFile(path, 'utf8');
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
      }
      loaded = { mtimeMs, directory: createThingDirectory(document, scope) };
    }
    return loaded.directory;
  };
  return {
    describeThing: async (name) => (await current()).describeThing(name),
    getThingShadow: async (name) => (await current()).getThingShadow(name),
  };
}

// The fields DescribeThing returns, as in the user guide's deviceRegistryEnrich
// output: defaultClientId, thingTypeName, thingArn, version, thingName,
// attributes, thingId. What the file leaves out gets IoT's defaults: the
// client id is the thing name, version 1, no attributes; the thing id is a
// UUID derived from the name, so it stays the same from run to run.
function describe(name: string, record: ThingRecord, scope: ThingScope): ThingDescription {
  return {
    defaultClientId: record.defaultClientId ?? name,
    thingName: name,
    thingId: record.thingId ?? stableUuid(name),
    thingArn: `arn:aws:iot:${scope.region}:${scope.accountId}:thing/${name}`,
    ...(record.thingTypeName !== undefined && { thingTypeName: record.thingTypeName }),
    attributes: { ...record.attributes },
    version: record.version ?? 1,
    ...(record.billingGroupName !== undefined && { billingGroupName: record.billingGroupName }),
  };
}

function stableUuid(name: string): string {
  const hex = createHash('sha256').update(`thing:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const STRING_FIELDS = ['thingTypeName', 'thingId', 'defaultClientId', 'billingGroupName'] as const;

function checkDocument(document: unknown): { things: Record<string, ThingRecord>; shadows: Record<string, JsonObject> } {
  if (!isJsonObject(document)) throw new Error('The things document must be a JSON object');
  const things = section(document, 'things');
  for (const [name, record] of Object.entries(things)) {
    const where = `things.${name}`;
    if (!isJsonObject(record)) throw new Error(`${where} must be an object`);
    for (const field of STRING_FIELDS) {
      if (record[field] !== undefined && typeof record[field] !== 'string') throw new Error(`${where}.${field} must be a string`);
    }
    if (record.version !== undefined && !Number.isInteger(record.version)) throw new Error(`${where}.version must be an integer`);
    if (record.attributes !== undefined) {
      if (!isJsonObject(record.attributes)) throw new Error(`${where}.attributes must be an object`);
      for (const [key, value] of Object.entries(record.attributes)) {
        // IoT thing attributes are strings (DescribeThing's Attributes map).
        if (typeof value !== 'string') throw new Error(`${where}.attributes.${key} must be a string`);
      }
    }
  }
  const shadows = section(document, 'shadows');
  for (const [name, shadow] of Object.entries(shadows)) {
    if (!isJsonObject(shadow)) throw new Error(`shadows.${name} must be an object`);
  }
  return { things: things as Record<string, ThingRecord>, shadows: shadows as Record<string, JsonObject> };
}

function section(document: JsonObject, key: string): JsonObject {
  const value = document[key];
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw new Error(`"${key}" must be an object keyed by thing name`);
  return value;
}
