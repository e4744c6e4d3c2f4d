// Vendors AWS's Smithy JSON models into model/, keeping only what the server
// needs: shapes, constraint and protocol traits. Documentation, examples,
// endpoint rule sets and smoke tests are stripped so the files stay small and
// their diffs readable.
//
// Usage: npm run vendor-models -- [REFERENCE_DIR]   (default ../shared/reference)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const STRIPPED_TRAITS = new Set([
  'smithy.api#documentation',
  'smithy.api#examples',
  'smithy.api#externalDocumentation',
  'smithy.rules#endpointRuleSet',
  'smithy.rules#endpointTests',
  'smithy.rules#contextParam',
  'smithy.rules#staticContextParams',
  'smithy.rules#clientContextParams',
  'smithy.test#smokeTests',
  'smithy.waiters#waitable',
  'smithy.api#suppress',
]);

const MODELS = ['iotanalytics', 'cloudtrail', 'sts', 'iam'];

type Json = Record<string, unknown>;

function stripTraits(traits: Json | undefined): Json | undefined {
  if (!traits) return undefined;
  const kept = Object.fromEntries(Object.entries(traits).filter(([name]) => !STRIPPED_TRAITS.has(name)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function stripShape(shape: Json): Json {
  const out: Json = { ...shape };
  const traits = stripTraits(shape.traits as Json | undefined);
  if (traits) out.traits = traits;
  else delete out.traits;
  for (const key of ['members', 'member', 'key', 'value'] as const) {
    const value = shape[key] as Json | undefined;
    if (!value) continue;
    if (key === 'members') {
      out.members = Object.fromEntries(
        Object.entries(value).map(([name, member]) => [name, stripShape(member as Json)]),
      );
    } else {
      out[key] = stripShape(value);
    }
  }
  return out;
}

const referenceDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'reference'));
const modelDir = join(import.meta.dirname, '..', 'model');

for (const name of MODELS) {
  const source = JSON.parse(readFileSync(join(referenceDir, `${name}.smithy.json`), 'utf8')) as Json;
  const shapes = source.shapes as Record<string, Json>;
  const stripped = Object.fromEntries(
    Object.keys(shapes)
      .sort()
      .map((id) => [id, stripShape(shapes[id])]),
  );
  const output = { smithy: source.smithy, metadata: source.metadata, shapes: stripped };
  writeFileSync(join(modelDir, `${name}.json`), JSON.stringify(output, null, 1) + '\n');
  console.log(`model/${name}.json: ${Object.keys(stripped).length} shapes`);
}
