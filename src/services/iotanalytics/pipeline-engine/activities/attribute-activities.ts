// addAttributes, removeAttributes and selectAttributes, as the IoT Analytics
// user guide's "Pipeline activities" pages show them.
import { formatAttributePath, getAt, leafName, deleteAt, type PathStep } from '../paths.ts';
import { setMember, type JsonObject } from '../json.ts';
import type { Processor } from './processor.ts';

/**
 * "addAttributes … moves the device ID to the root level and extracts the
 * values in the coord array, promoting them to top-level attributes"; "the
 * original device attribute is still present". The new name is a top-level
 * key taken literally. A source that is missing adds nothing. Values are
 * copied, so later activities that change one copy leave the other alone.
 */
export function addAttributes(mapping: [source: PathStep[], target: string][]): Processor {
  return (messages, _deps, notes) => {
    for (const message of messages) {
      for (const [source, target] of mapping) {
        const value = getAt(message, source);
        if (value === undefined) notes.add(`Attribute ${formatAttributePath(source)} is missing; ${target} was not added`);
        else setMember(message, target, typeof value === 'object' && value !== null ? structuredClone(value) : value);
      }
    }
    return messages;
  };
}

/** "removeAttributes … removes attributes from a message"; array items named by index are spliced out. */
export function removeAttributes(paths: PathStep[][]): Processor {
  // Top-level names are left out of a copy rather than deleted: `delete`
  // turns an object into a slow dictionary for everything that follows
  // (JSON.stringify above all).
  const topLevel = new Set(paths.filter((p) => p.length === 1 && 'key' in p[0]).map((p) => (p[0] as { key: string }).key));
  const deeper = paths.filter((p) => !(p.length === 1 && 'key' in p[0]));
  return (messages) =>
    messages.map((message) => {
      const kept = topLevel.size > 0 ? without(message, topLevel) : message;
      for (const path of deeper) deleteAt(kept, path);
      return kept;
    });
}

function without(message: JsonObject, names: Set<string>): JsonObject {
  const copy: JsonObject = {};
  for (const key of Object.keys(message)) if (!names.has(key)) setMember(copy, key, message[key]);
  return copy;
}

/**
 * "selectAttributes creates a new message using only the specified
 * attributes … creates new attributes under the root of the message only":
 * device.temp becomes temp. A path ending in an index is named after its last
 * attribute (device.coord[0] → coord); when two paths share a leaf name the
 * later one wins. Missing paths are left out.
 */
export function selectAttributes(paths: PathStep[][]): Processor {
  return (messages) =>
    messages.map((message) => {
      const selected: JsonObject = {};
      for (const path of paths) {
        const value = getAt(message, path);
        if (value !== undefined) setMember(selected, leafName(path), value);
      }
      return selected;
    });
}
