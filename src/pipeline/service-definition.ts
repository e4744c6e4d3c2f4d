// A service the server speaks: its model, its wire protocol and an entry for
// every model operation. Boot fails when the model and the entries disagree,
// so an operation can never silently go missing.
import type { ApiError } from '../protocol/errors.ts';
import type { ServerProtocol } from '../protocol/codecs/server-protocol.ts';
import type { ServiceModel } from '../protocol/model/service-model.ts';
import type { OperationEntry } from './operation.ts';

export interface ServiceDefinition {
  readonly model: ServiceModel;
  readonly protocol: ServerProtocol;
  readonly operations: ReadonlyMap<string, OperationEntry>;
  /**
   * The error a constraint violation becomes (AWS names it per service; some,
   * like CloudTrail, per parameter). `members` are the top-level input members
   * concerned, in the model's spelling.
   */
  validationError(message: string, members: string[]): ApiError;
  /** SigV4 with S3's rules (path signed as sent, payload hash header required). */
  readonly s3Signing: boolean;
  /**
   * Global services (IAM, STS) are recorded in us-east-1 whatever region the
   * client signed for, as CloudTrail does.
   */
  readonly recordRegion?: string;
}

export interface ServiceSpec {
  model: ServiceModel;
  protocol: ServerProtocol;
  operations: OperationEntry[];
  validationError(message: string, members: string[]): ApiError;
  s3Signing?: boolean;
  recordRegion?: string;
}

export function defineService(spec: ServiceSpec): ServiceDefinition {
  const entries = new Map<string, OperationEntry>();
  const problems: string[] = [];
  for (const entry of spec.operations) {
    if (entries.has(entry.name)) problems.push(`${entry.name} is defined twice`);
    if (!spec.model.operations.has(entry.name)) problems.push(`${entry.name} is not an operation of the model`);
    entries.set(entry.name, entry);
  }
  for (const name of spec.model.operations.keys()) {
    if (!entries.has(name)) problems.push(`${name} has neither a handler nor a not-implemented marker`);
  }
  if (problems.length > 0) {
    throw new Error(`Service ${spec.model.sdkId} does not match its model:\n  ${problems.join('\n  ')}`);
  }
  return {
    model: spec.model,
    protocol: spec.protocol,
    operations: entries,
    validationError: spec.validationError,
    s3Signing: spec.s3Signing ?? false,
    recordRegion: spec.recordRegion,
  };
}
