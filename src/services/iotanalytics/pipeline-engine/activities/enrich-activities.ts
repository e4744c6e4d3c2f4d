// deviceRegistryEnrich and deviceShadowEnrich: "read the thing name from the
// message path given in thingName", call DescribeThing or GetThingShadow and
// put the result under `attribute` (user guide, "DeviceRegistryEnrich
// activity", "DeviceShadowEnrich activity").
import type { PipelineDeps } from '../deps.ts';
import { PipelineActivityError } from '../errors.ts';
import { setMember, type JsonObject } from '../json.ts';
import { formatAttributePath, getAt, type PathStep } from '../paths.ts';
import type { Processor } from './processor.ts';

type Lookup = (deps: PipelineDeps, thingName: string) => Promise<JsonObject | undefined>;

// JSON's copy leaves out the optional fields a thing does not have.
const describeThing: Lookup = async (deps, name) => {
  const thing = await deps.things.describeThing(name);
  return thing && (JSON.parse(JSON.stringify(thing)) as JsonObject);
};

const getThingShadow: Lookup = (deps, name) => deps.things.getThingShadow(name);

/**
 * AWS does not document what happens to a message whose thing (or shadow)
 * does not exist, or that has no thing name; we pass it on unenriched with a
 * note rather than drop data. A directory that cannot answer at all fails
 * the batch (ENRICHMENT_FAILURE) so nothing is stored half-enriched.
 */
export function enrich(activityName: string, what: 'thing' | 'shadow', thingNamePath: PathStep[], attribute: string): Processor {
  const lookup = what === 'thing' ? describeThing : getThingShadow;
  return async (messages, deps, notes) => {
    for (const message of messages) {
      const thingName = getAt(message, thingNamePath);
      if (typeof thingName !== 'string' || thingName === '') {
        notes.add(`No thing name at ${formatAttributePath(thingNamePath)}; the message was not enriched`);
        continue;
      }
      let found: JsonObject | undefined;
      try {
        found = await lookup(deps, thingName);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PipelineActivityError('ENRICHMENT_FAILURE', activityName, `Could not look up thing ${thingName}: ${reason}`, { cause: error });
      }
      if (found === undefined) notes.add(`No ${what === 'thing' ? 'thing' : 'shadow for the thing'} named ${thingName}; the message was not enriched`);
      else setMember(message, attribute, structuredClone(found));
    }
    return messages;
  };
}
