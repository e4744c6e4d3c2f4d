// Dataset rules that need nothing but the request: one action of one kind
// (SQL query or container), well-formed filters, variables, delivery rules,
// versioning and late-data rules, retention 90 days by default. Triggers,
// which involve other datasets, are in dataset-triggers.ts.
import type {
  Dataset,
  DatasetAction,
  DatasetContentDeliveryRule,
  DatasetSummary,
  DatasetTrigger,
  LateDataRule,
  RetentionPeriod,
  VersioningConfiguration,
} from '@aws-sdk/client-iotanalytics';
import { errors } from '../errors.ts';
import { exactlyOne, firstDuplicate } from './one-of.ts';
import type { StoredResource } from './resource-store.ts';
import { DATASET_DEFAULT_RETENTION, normaliseRetention } from './retention.ts';

export interface DatasetConfig {
  actions: DatasetAction[];
  triggers: DatasetTrigger[];
  contentDeliveryRules: DatasetContentDeliveryRule[];
  retentionPeriod: RetentionPeriod;
  versioningConfiguration?: VersioningConfiguration;
  lateDataRules?: LateDataRule[];
}

/** What CreateDataset and UpdateDataset both carry (UpdateDataset replaces all of it). */
export interface DatasetSettings {
  actions?: DatasetAction[];
  triggers?: DatasetTrigger[];
  contentDeliveryRules?: DatasetContentDeliveryRule[];
  retentionPeriod?: RetentionPeriod;
  versioningConfiguration?: VersioningConfiguration;
  lateDataRules?: LateDataRule[];
}

export type ActionType = 'QUERY' | 'CONTAINER';

export function actionType(config: DatasetConfig): ActionType {
  return config.actions[0].queryAction ? 'QUERY' : 'CONTAINER';
}

function validAction(action: DatasetAction): DatasetAction {
  exactlyOne({ queryAction: action.queryAction, containerAction: action.containerAction }, 'Exactly one action type should be provided');
  if (action.queryAction) {
    const filters = action.queryAction.filters ?? [];
    for (const f of filters) if (!f.deltaTime) throw errors.invalidRequest('A query filter must contain a deltaTime.');
    return { ...action, queryAction: { ...action.queryAction, filters } };
  }
  const variables = action.containerAction!.variables ?? [];
  for (const v of variables) {
    exactlyOne(
      { s: v.stringValue, d: v.doubleValue, c: v.datasetContentVersionValue, o: v.outputFileUriValue },
      `Variable '${v.name}' must have exactly one of stringValue, doubleValue, datasetContentVersionValue or outputFileUriValue.`,
    );
  }
  const duplicate = firstDuplicate(variables, (v) => v.name!);
  if (duplicate) throw errors.invalidRequest(`Variable names must be unique; '${duplicate.name}' is used more than once.`);
  return action;
}

function validVersioning(versioning: VersioningConfiguration | undefined): VersioningConfiguration | undefined {
  if (!versioning || (!versioning.unlimited && versioning.maxVersions === undefined)) return undefined;
  if (versioning.unlimited && versioning.maxVersions !== undefined) {
    throw errors.invalidRequest('Only one of unlimited or maxVersions may be specified in versioningConfiguration.');
  }
  return versioning.unlimited ? { unlimited: true } : { unlimited: false, maxVersions: versioning.maxVersions };
}

/** Late data rules only make sense where content is cut into delta windows. */
function validLateDataRules(rules: LateDataRule[] | undefined, action: DatasetAction): LateDataRule[] | undefined {
  if (!rules) return undefined;
  if (!action.queryAction?.filters?.some((f) => f.deltaTime)) {
    throw errors.invalidRequest('Late data rules can only be used with a dataset whose query has a deltaTime filter.');
  }
  for (const rule of rules) {
    if (!rule.ruleConfiguration?.deltaTimeSessionWindowConfiguration) {
      throw errors.invalidRequest('A late data rule must contain a deltaTimeSessionWindowConfiguration.');
    }
  }
  return rules;
}

export function datasetConfig(settings: DatasetSettings): DatasetConfig {
  const action = validAction(settings.actions![0]);
  const contentDeliveryRules = settings.contentDeliveryRules ?? [];
  for (const rule of contentDeliveryRules) {
    exactlyOne(rule.destination!, 'Exactly one destination type should be provided');
  }
  const triggers = settings.triggers ?? [];
  for (const trigger of triggers) exactlyOne(trigger, 'Exactly one trigger type should be provided');
  const config: DatasetConfig = {
    actions: [action],
    triggers,
    contentDeliveryRules,
    retentionPeriod: normaliseRetention(settings.retentionPeriod, DATASET_DEFAULT_RETENTION),
  };
  const versioning = validVersioning(settings.versioningConfiguration);
  if (versioning) config.versioningConfiguration = versioning;
  const lateDataRules = validLateDataRules(settings.lateDataRules, action);
  if (lateDataRules) config.lateDataRules = lateDataRules;
  return config;
}

export function datasetDescription(dataset: StoredResource<DatasetConfig>): Dataset {
  return {
    name: dataset.name,
    arn: dataset.arn,
    ...dataset.config,
    status: 'ACTIVE',
    creationTime: dataset.createdAt,
    lastUpdateTime: dataset.updatedAt,
  };
}

export function datasetSummary(dataset: StoredResource<DatasetConfig>): DatasetSummary {
  return {
    datasetName: dataset.name,
    status: 'ACTIVE',
    creationTime: dataset.createdAt,
    lastUpdateTime: dataset.updatedAt,
    triggers: dataset.config.triggers,
    actions: [{ actionName: dataset.config.actions[0].actionName, actionType: actionType(dataset.config) }],
  };
}
