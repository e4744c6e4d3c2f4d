// Converts AWS's S3 model from botocore's JSON format into the Smithy JSON AST
// the protocol layer reads (model/s3.json), documentation stripped. There is
// no Smithy model for S3 in the shared reference; botocore ships AWS's own
// model, so every operation is converted and the boot check lists each one
// honestly as built or not.
//
// Two facts botocore's format does not carry are taken from the schemas of the
// installed @aws-sdk/client-s3 (generated from AWS's Smithy model): the root
// element names of output structures (ListBucketResult, ...) and the HTTP
// status of modelled errors (NoSuchKey 404, ...). See model/SOURCE.md.
//
// Usage: npm run vendor-s3-model -- [BOTOCORE_SERVICE_JSON]
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-s3';

type Json = Record<string, any>;

const NS = 'com.amazonaws.s3';
const SERVICE = `${NS}#AmazonS3`;
const DEFAULT_SOURCE = '/usr/lib/python3/dist-packages/botocore/data/s3/2006-03-01/service-2.json';

const TIMESTAMP_FORMATS: Record<string, string> = {
  iso8601: 'date-time',
  rfc822: 'http-date',
  unixTimestamp: 'epoch-seconds',
};

const id = (name: string) => `${NS}#${name}`;

/** Reads one trait of an @aws-sdk/client-s3 schema (`[kind, namespace, name, traits, ...]`). */
function sdkTrait(shapeName: string, trait: string): unknown {
  const schema = (sdk as Record<string, unknown>)[`${shapeName}$`];
  if (!Array.isArray(schema) || typeof schema[3] !== 'object' || schema[3] === null) return undefined;
  return (schema[3] as Record<string, unknown>)[trait];
}

function lengthOrRange(shape: Json): Json {
  if (shape.min === undefined && shape.max === undefined) return {};
  const bounds = Object.fromEntries(Object.entries({ min: shape.min, max: shape.max }).filter(([, v]) => v !== undefined));
  const numeric = ['integer', 'long', 'float', 'double'].includes(shape.type);
  return { [numeric ? 'smithy.api#range' : 'smithy.api#length']: bounds };
}

function enumMemberName(value: string, taken: Set<string>): string {
  let name = value.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'EMPTY';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  while (taken.has(name)) name += '_';
  taken.add(name);
  return name;
}

/**
 * Enums kept open as strings. A self-hosted server's regions are whatever its
 * clients sign with (the README's `--region local` included), not the list of
 * AWS regions botocore 1.29 knew, so a location constraint is any region name.
 */
const OPEN_ENUMS = new Set(['BucketLocationConstraint']);

function convertShape(name: string, shape: Json, shapes: Record<string, Json>): Json {
  const traits: Json = { ...lengthOrRange(shape) };
  if (shape.pattern) traits['smithy.api#pattern'] = shape.pattern;
  if (shape.sensitive) traits['smithy.api#sensitive'] = {};
  if (shape.deprecated) traits['smithy.api#deprecated'] = {};
  if (shape.timestampFormat) traits['smithy.api#timestampFormat'] = TIMESTAMP_FORMATS[shape.timestampFormat];
  if (shape.locationName) traits['smithy.api#xmlName'] = shape.locationName;
  if (shape.xmlNamespace) traits['smithy.api#xmlNamespace'] = shape.xmlNamespace;
  const withTraits = (out: Json) => (Object.keys(traits).length > 0 ? { ...out, traits } : out);

  switch (shape.type) {
    case 'structure':
      return withTraits(convertStructure(name, shape, shapes, traits));
    case 'list':
      return withTraits({ type: 'list', member: convertMember(shape.member, shapes) });
    case 'map':
      return withTraits({ type: 'map', key: convertMember(shape.key, shapes), value: convertMember(shape.value, shapes) });
    case 'string':
      if (shape.enum && !OPEN_ENUMS.has(name)) {
        const taken = new Set<string>();
        const members = Object.fromEntries(
          (shape.enum as string[]).map((value) => [
            enumMemberName(value, taken),
            { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': value } },
          ]),
        );
        return withTraits({ type: 'enum', members });
      }
      return withTraits({ type: 'string' });
    case 'blob':
      if (shape.streaming) traits['smithy.api#streaming'] = {};
      if (shape.requiresLength) traits['smithy.api#requiresLength'] = {};
      return withTraits({ type: 'blob' });
    case 'integer':
    case 'long':
    case 'boolean':
    case 'timestamp':
    case 'double':
    case 'float':
      return withTraits({ type: shape.type });
    default:
      throw new Error(`${name}: unsupported botocore type ${shape.type}`);
  }
}

function convertStructure(name: string, shape: Json, shapes: Record<string, Json>, traits: Json): Json {
  const required = new Set<string>(shape.required ?? []);
  const members: Json = {};
  for (const [memberName, member] of Object.entries<Json>(shape.members ?? {})) {
    const converted = convertMember(member, shapes, memberName);
    const memberTraits: Json = converted.traits ?? {};
    if (required.has(memberName)) memberTraits['smithy.api#required'] = {};
    if (shape.payload === memberName) memberTraits['smithy.api#httpPayload'] = {};
    members[memberName] = Object.keys(memberTraits).length > 0 ? { ...converted, traits: memberTraits } : converted;
  }
  if (shape.exception) {
    traits['smithy.api#error'] = shape.fault ? 'server' : 'client';
    const status = shape.error?.httpStatusCode ?? sdkTrait(name, 'httpError');
    if (status !== undefined) traits['smithy.api#httpError'] = status;
  }
  if (shape.union) return { type: 'union', members };
  if (shape.eventstream) {
    traits['smithy.api#streaming'] = {};
    return { type: 'union', members };
  }
  return { type: 'structure', members };
}

/**
 * A botocore member's serialization becomes Smithy member traits. Botocore
 * names a flattened list's elements after the list member's locationName when
 * it has one (botocore/parsers.py `_member_key_name`); Smithy names them after
 * the structure member, so that name moves onto the member as xmlName.
 */
function convertMember(member: Json, shapes: Record<string, Json>, memberName?: string): Json {
  const target = shapes[member.shape];
  if (!target) throw new Error(`unknown shape ${member.shape}`);
  const traits: Json = {};
  switch (member.location) {
    case 'uri':
      if (member.locationName !== memberName) throw new Error(`${memberName}: URI label ${member.locationName} differs`);
      traits['smithy.api#httpLabel'] = {};
      break;
    case 'querystring':
      traits[target.type === 'map' ? 'smithy.api#httpQueryParams' : 'smithy.api#httpQuery'] =
        target.type === 'map' ? {} : member.locationName;
      break;
    case 'header':
      traits['smithy.api#httpHeader'] = member.locationName;
      break;
    case 'headers':
      traits['smithy.api#httpPrefixHeaders'] = member.locationName;
      break;
    case 'statusCode':
      traits['smithy.api#httpResponseCode'] = {};
      break;
    case undefined: {
      const flattened = member.flattened || (target.type === 'list' && target.flattened) || (target.type === 'map' && target.flattened);
      if (flattened && memberName) traits['smithy.api#xmlFlattened'] = {};
      const elementName =
        (flattened && target.type === 'list' && target.member?.locationName) || member.locationName || target.locationName;
      if (elementName && elementName !== memberName) traits['smithy.api#xmlName'] = elementName;
      if (member.xmlAttribute) traits['smithy.api#xmlAttribute'] = {};
      if (member.xmlNamespace) traits['smithy.api#xmlNamespace'] = member.xmlNamespace;
      break;
    }
    default:
      throw new Error(`unsupported location ${member.location}`);
  }
  if (member.timestampFormat) traits['smithy.api#timestampFormat'] = TIMESTAMP_FORMATS[member.timestampFormat];
  if (member.deprecated) traits['smithy.api#deprecated'] = {};
  if (member.eventpayload) traits['smithy.api#eventPayload'] = {};
  if (member.hostLabel) traits['smithy.api#hostLabel'] = {};
  const out: Json = { target: id(member.shape) };
  if (Object.keys(traits).length > 0) out.traits = traits;
  return out;
}

function convertOperation(op: Json): Json {
  const traits: Json = {
    'smithy.api#http': { method: op.http.method, uri: op.http.requestUri, code: op.http.responseCode ?? 200 },
  };
  if (op.deprecated) traits['smithy.api#deprecated'] = {};
  if (op.httpChecksumRequired) traits['smithy.api#httpChecksumRequired'] = {};
  if (op.httpChecksum) traits['aws.protocols#httpChecksum'] = op.httpChecksum;
  if (op.authtype === 'v4-unsigned-body') traits['aws.auth#unsignedPayload'] = {};
  if (op.endpoint?.hostPrefix) traits['smithy.api#endpoint'] = { hostPrefix: op.endpoint.hostPrefix };
  // S3 answers GetBucketLocation with the bare <LocationConstraint> element
  // instead of a wrapper (Smithy's aws.customizations#s3UnwrappedXmlOutput).
  if (op.name === 'GetBucketLocation') traits['aws.customizations#s3UnwrappedXmlOutput'] = {};
  const out: Json = { type: 'operation' };
  if (op.input) out.input = { target: id(op.input.shape) };
  if (op.output) out.output = { target: id(op.output.shape) };
  if (op.errors?.length) out.errors = op.errors.map((e: Json) => ({ target: id(e.shape) }));
  out.traits = traits;
  return out;
}

function convert(source: Json): Json {
  const shapes = source.shapes as Record<string, Json>;
  const operations = source.operations as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const name of Object.keys(shapes).sort()) out[id(name)] = convertShape(name, shapes[name], shapes);
  for (const op of Object.values(operations)) {
    if (op.input) out[id(op.input.shape)].traits = { ...out[id(op.input.shape)].traits, 'smithy.api#input': {} };
    if (op.output) {
      const output = out[id(op.output.shape)];
      const rootName = sdkTrait(op.output.shape, 'xmlName');
      output.traits = { ...output.traits, 'smithy.api#output': {}, ...(rootName ? { 'smithy.api#xmlName': rootName } : {}) };
    }
  }
  for (const name of Object.keys(operations).sort()) out[id(name)] = convertOperation(operations[name]);
  const namespaces = new Set(
    Object.values(shapes).flatMap((s) => Object.values<Json>(s.members ?? {}).map((m) => m.xmlNamespace?.uri).filter(Boolean)),
  );
  if (namespaces.size !== 1) throw new Error(`expected one S3 XML namespace, found ${[...namespaces].join(', ')}`);
  out[SERVICE] = {
    type: 'service',
    version: source.metadata.apiVersion,
    operations: Object.keys(operations)
      .sort()
      .map((name) => ({ target: id(name) })),
    traits: {
      'aws.api#service': {
        sdkId: source.metadata.serviceId,
        arnNamespace: 's3',
        cloudFormationName: 'S3',
        cloudTrailEventSource: 's3.amazonaws.com',
        endpointPrefix: source.metadata.endpointPrefix,
      },
      'aws.auth#sigv4': { name: 's3' },
      // S3 errors are a bare <Error> element, without restXml's <ErrorResponse> wrapper.
      'aws.protocols#restXml': { noErrorWrapping: true },
      'smithy.api#xmlNamespace': { uri: [...namespaces][0] },
      'smithy.api#title': source.metadata.serviceFullName,
    },
  };
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  return { smithy: '2.0', metadata: { source: `botocore s3 ${source.metadata.apiVersion} (${source.metadata.uid})` }, shapes: sorted };
}

const sourceFile = process.argv[2] ?? DEFAULT_SOURCE;
const model = convert(JSON.parse(readFileSync(sourceFile, 'utf8')) as Json);
const target = join(import.meta.dirname, '..', 'model', 's3.json');
writeFileSync(target, JSON.stringify(model, null, 1) + '\n');
const operations = Object.values(model.shapes as Record<string, Json>).filter((s) => s.type === 'operation').length;
console.log(`model/s3.json: ${Object.keys(model.shapes).length} shapes, ${operations} operations`);
