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
  return (messages) => {
    for (const message of messages) for (const path of paths) deleteAt(message, path);
    return messages;
  };
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
