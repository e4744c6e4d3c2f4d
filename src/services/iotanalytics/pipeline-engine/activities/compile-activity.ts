// Turns one PipelineActivity (the API's shape) into something runnable:
// expressions are parsed and paths split once, not per message.
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';
import { PipelineDefinitionError } from '../errors.ts';
import { parseExpression, type Expression } from '../expression/parser.ts';
import { ExpressionSyntaxError } from '../expression/tokenizer.ts';
import { AttributePathError, parseAttributePath, type PathStep } from '../paths.ts';
import type { ActivityType } from '../report.ts';
import { addAttributes, removeAttributes, selectAttributes } from './attribute-activities.ts';
import { enrich } from './enrich-activities.ts';
import { filter, math } from './expression-activities.ts';
import { lambda } from './lambda-activity.ts';
import type { Processor } from './processor.ts';

export interface CompiledActivity {
  name: string;
  type: ActivityType;
  next?: string;
  /** Set for channel activities. */
  channelName?: string;
  /** Set for datastore activities. */
  datastoreName?: string;
  /** Every activity but channel and datastore processes messages. */
  process?: Processor;
  /** Only a lambda activity takes payloads that are not JSON objects (as base64 strings). */
  takesRawPayloads: boolean;
}

const TYPES: ActivityType[] = [
  'channel', 'lambda', 'datastore', 'addAttributes', 'removeAttributes',
  'selectAttributes', 'filter', 'math', 'deviceRegistryEnrich', 'deviceShadowEnrich',
];

// PipelineActivity is a structure of ten optional members in the model, not
// a union, so nothing before us checks that exactly one is given.
export function activityType(activity: PipelineActivity): ActivityType {
  const present = TYPES.filter((type) => activity[type] != null);
  if (present.length !== 1) {
    throw new PipelineDefinitionError(`A pipeline activity must contain exactly one of ${TYPES.join(', ')}; found ${present.length === 0 ? 'none' : present.join(', ')}`);
  }
  return present[0];
}

export function compileActivity(activity: PipelineActivity): CompiledActivity {
  const type = activityType(activity);
  const spec = activity[type] as { name?: string; next?: string };
  const name = required(spec.name, type, 'name', '(unnamed)');
  const field = <T>(value: T | null | undefined, member: string): T => required(value, type, member, name);
  const base = { name, type, next: spec.next ?? undefined, takesRawPayloads: false };
  const run = (process: Processor): CompiledActivity => ({ ...base, process });
  switch (type) {
    case 'channel':
      return { ...base, channelName: field(activity.channel!.channelName, 'channelName') };
    case 'datastore':
      return { ...base, datastoreName: field(activity.datastore!.datastoreName, 'datastoreName') };
    case 'lambda': {
      const { lambdaName, batchSize } = activity.lambda!;
      return { ...run(lambda(name, field(lambdaName, 'lambdaName'), field(batchSize, 'batchSize'))), takesRawPayloads: true };
    }
    case 'addAttributes': {
      const mapping = Object.entries(field(activity.addAttributes!.attributes, 'attributes'));
      return run(addAttributes(mapping.map(([source, target]) => [path(source, name), target])));
    }
    case 'removeAttributes':
      return run(removeAttributes(field(activity.removeAttributes!.attributes, 'attributes').map((p) => path(p, name))));
    case 'selectAttributes':
      return run(selectAttributes(field(activity.selectAttributes!.attributes, 'attributes').map((p) => path(p, name))));
    case 'filter':
      return run(filter(expression(field(activity.filter!.filter, 'filter'), 'filter', name)));
    case 'math': {
      const { math: text, attribute } = activity.math!;
      return run(math(expression(field(text, 'math'), 'math', name), field(attribute, 'attribute')));
    }
    case 'deviceRegistryEnrich':
    case 'deviceShadowEnrich': {
      const spec = activity[type]!;
      const what = type === 'deviceRegistryEnrich' ? 'thing' : 'shadow';
      return run(enrich(name, what, path(field(spec.thingName, 'thingName'), name), field(spec.attribute, 'attribute')));
    }
  }
}

function required<T>(value: T | null | undefined, type: string, member: string, activityName: string): T {
  if (value == null) throw new PipelineDefinitionError(`The ${type} activity ${activityName} has no ${member}`);
  return value;
}

function expression(text: string, kind: 'filter' | 'math', activityName: string): Expression {
  try {
    return parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    throw new PipelineDefinitionError(`Invalid ${kind} expression in activity ${activityName}: ${error.message}`);
  }
}

function path(text: string, activityName: string): PathStep[] {
  try {
    return parseAttributePath(text);
  } catch (error) {
    if (!(error instanceof AttributePathError)) throw error;
    throw new PipelineDefinitionError(`${error.message} in activity ${activityName}`);
  }
}
