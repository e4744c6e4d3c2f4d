// Event selectors (reference §4.2): which records a trail delivers. A trail
// without selectors logs every management event, read and write, and no data
// events. Basic and advanced selectors replace each other.
//
// Data events are BatchPutMessage (resource type AWS::IoTAnalytics::Channel,
// which AWS never offered: docs/FIDELITY.md, "Trails") and the S3 object
// calls (AWS::S3::Object).
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { JournalEntry } from '../event-store/event-store.ts';

export type TrailSelectors = { EventSelectors: EventSelector[] } | { AdvancedEventSelectors: AdvancedEventSelector[] };

export const DEFAULT_SELECTORS: TrailSelectors = {
  EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
};

const MAX_BASIC_SELECTORS = 5;
const MAX_DATA_RESOURCES = 250;
const MAX_ADVANCED_VALUES = 500;
/** Resource types a basic selector's DataResources may name, with the ARN prefix every value must have. */
const DATA_RESOURCE_TYPES: Record<string, string> = {
  'AWS::S3::Object': 'arn:aws:s3',
  'AWS::IoTAnalytics::Channel': 'arn:aws:iotanalytics',
  'AWS::Lambda::Function': 'arn:aws:lambda',
  'AWS::DynamoDB::Table': 'arn:aws:dynamodb',
};
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];
const ADVANCED_FIELDS = ['eventCategory', 'readOnly', 'eventSource', 'eventName', 'resources.type', 'resources.ARN'];
/** Fields that only take Equals. */
const EQUALS_ONLY = ['eventCategory', 'readOnly', 'resources.type'];
const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;

/** Checks and normalises a PutEventSelectors request; throws `invalid(message)`'s error when AWS would refuse it. */
export function checkSelectors(
  input: { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] },
  invalid: (message: string) => Error,
): TrailSelectors {
  const { EventSelectors: basic, AdvancedEventSelectors: advanced } = input;
  if (basic && advanced) throw invalid('Specify either event selectors or advanced event selectors, not both.');
  if (advanced) return { AdvancedEventSelectors: checkAdvanced(advanced, invalid) };
  if (!basic) throw invalid('Specify event selectors or advanced event selectors.');
  if (basic.length > MAX_BASIC_SELECTORS) throw invalid(`A trail can have at most ${MAX_BASIC_SELECTORS} event selectors.`);
  const resources = basic.flatMap((s) => s.DataResources ?? []);
  if (resources.flatMap((r) => r.Values ?? []).length > MAX_DATA_RESOURCES) {
    throw invalid(`A trail can have at most ${MAX_DATA_RESOURCES} data resources.`);
  }
  for (const resource of resources) {
    const prefix = DATA_RESOURCE_TYPES[resource.Type ?? ''];
    if (!prefix) throw invalid(`Value ${resource.Type} for parameter DataResources.Type is invalid.`);
    for (const value of resource.Values ?? []) {
      if (!value.startsWith(prefix)) throw invalid(`Value ${value} for parameter DataResources.Values is invalid for type ${resource.Type}.`);
    }
  }
  for (const source of basic.flatMap((s) => s.ExcludeManagementEventSources ?? [])) {
    if (!EXCLUDABLE_SOURCES.includes(source)) throw invalid(`Value ${source} for parameter ExcludeManagementEventSources is invalid.`);
  }
  return {
    EventSelectors: basic.map((s) => ({
      ReadWriteType: s.ReadWriteType ?? 'All',
      IncludeManagementEvents: s.IncludeManagementEvents ?? true,
      DataResources: (s.DataResources ?? []).map((r) => ({ Type: r.Type, Values: r.Values ?? [] })),
      ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
    })),
  };
}

function checkAdvanced(selectors: AdvancedEventSelector[], invalid: (message: string) => Error): AdvancedEventSelector[] {
  let values = 0;
  for (const selector of selectors) {
    const fields = selector.FieldSelectors ?? [];
    for (const field of fields) {
      if (!ADVANCED_FIELDS.includes(field.Field!)) throw invalid(`Invalid field ${field.Field} in advanced event selector.`);
      const used = OPERATORS.filter((op) => field[op] !== undefined);
      if (used.length === 0) throw invalid(`Field ${field.Field} needs at least one operator.`);
      if (EQUALS_ONLY.includes(field.Field!) && used.some((op) => op !== 'Equals')) throw invalid(`Only Equals is supported for field ${field.Field}.`);
      values += used.reduce((n, op) => n + field[op]!.length, 0);
    }
    const category = fields.find((f) => f.Field === 'eventCategory')?.Equals;
    if (!category || category.length !== 1 || !['Management', 'Data'].includes(category[0])) {
      throw invalid('Each advanced event selector needs eventCategory Equals Management or Data.');
    }
    const readOnly = fields.find((f) => f.Field === 'readOnly')?.Equals;
    if (readOnly && readOnly.some((v) => v !== 'true' && v !== 'false')) throw invalid('Field readOnly takes true or false.');
    if (category[0] === 'Data' && !fields.some((f) => f.Field === 'resources.type')) {
      throw invalid('An advanced event selector for data events needs a resources.type field.');
    }
  }
  if (values > MAX_ADVANCED_VALUES) throw invalid(`Advanced event selectors can have at most ${MAX_ADVANCED_VALUES} values in total.`);
  return selectors;
}

/** Whether a trail with these selectors delivers the record. */
export function selects(selectors: TrailSelectors, entry: JournalEntry): boolean {
  if ('AdvancedEventSelectors' in selectors) return selectors.AdvancedEventSelectors.some((s) => (s.FieldSelectors ?? []).every((f) => fieldMatches(f, entry)));
  return selectors.EventSelectors.some((s) => {
    if (s.ReadWriteType === 'ReadOnly' ? !entry.readOnly : s.ReadWriteType === 'WriteOnly' ? entry.readOnly : false) return false;
    if (entry.category === 'Management') return s.IncludeManagementEvents !== false && !(s.ExcludeManagementEventSources ?? []).includes(entry.eventSource);
    return (s.DataResources ?? []).some((d) => entry.resources.some((r) => r.type === d.Type && (d.Values ?? []).some((v) => r.arn.startsWith(v))));
  });
}

function fieldMatches(field: AdvancedFieldSelector, entry: JournalEntry): boolean {
  return fieldValues(field.Field!, entry).some(
    (x) =>
      (field.Equals?.includes(x) ?? true) &&
      (field.StartsWith?.some((v) => x.startsWith(v)) ?? true) &&
      (field.EndsWith?.some((v) => x.endsWith(v)) ?? true) &&
      !field.NotEquals?.includes(x) &&
      !field.NotStartsWith?.some((v) => x.startsWith(v)) &&
      !field.NotEndsWith?.some((v) => x.endsWith(v)),
  );
}

function fieldValues(field: string, entry: JournalEntry): string[] {
  switch (field) {
    case 'eventCategory':
      return [entry.category];
    case 'readOnly':
      return [String(entry.readOnly)];
    case 'eventSource':
      return [entry.eventSource];
    case 'eventName':
      return [entry.eventName];
    case 'resources.type':
      return entry.resources.map((r) => r.type);
    default:
      return entry.resources.map((r) => r.arn);
  }
}
