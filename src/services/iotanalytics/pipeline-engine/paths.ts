// Attribute paths such as `device.coord[0]`: how activities name the parts
// of a message (IoT Analytics user guide, "Pipeline activities": addAttributes
// maps "device.coord[1]" to "lon"; selectAttributes takes "device.temp").
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

export type PathStep = { key: string } | { index: number };

export class AttributePathError extends Error {
  override name = 'AttributePathError';
}

// A segment is a name (anything but `.`, `[` and `]`) followed by any number
// of `[n]` indexes. Activity paths are plain strings in the API, so names are
// not restricted further than that.
const SEGMENT = /^([^.[\]]+)((?:\[\d+\])*)$/;

export function parseAttributePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const segment of text.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) throw new AttributePathError(`Invalid attribute path '${text}'`);
    steps.push({ key: m[1] });
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(index[1]) });
  }
  return steps;
}

export function formatAttributePath(path: readonly PathStep[]): string {
  return path.map((s, i) => ('index' in s ? `[${s.index}]` : i === 0 ? s.key : `.${s.key}`)).join('');
}

/** The value at `path`, or undefined when any step is missing or of the wrong kind. */
export function getAt(root: JsonValue, path: readonly PathStep[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const step of path) {
    if ('index' in step) {
      current = Array.isArray(current) && step.index < current.length ? current[step.index] : undefined;
    } else {
      current = isJsonObject(current) && Object.hasOwn(current, step.key) ? current[step.key] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** Removes the value at `path`; array elements are spliced out. Missing paths are ignored. */
export function deleteAt(root: JsonObject, path: readonly PathStep[]): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if ('index' in last) {
    if (Array.isArray(parent) && last.index < parent.length) parent.splice(last.index, 1);
  } else if (isJsonObject(parent)) {
    delete parent[last.key];
  }
}

/** The last attribute name on the path: `device.temp` → `temp`, `device.coord[0]` → `coord`. */
export function leafName(path: readonly PathStep[]): string {
  const keys = path.filter((step): step is { key: string } => 'key' in step);
  return keys[keys.length - 1].key;
}
