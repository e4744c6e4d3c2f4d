// A loaded service model: the service shape's identity (signing name, event
// source, protocol) and its operations with their HTTP bindings and errors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstModel } from './smithy-ast.ts';
import { Shape, ShapeIndex } from './shapes.ts';

export type ProtocolName = 'restJson1' | 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restXml';

const PROTOCOL_TRAITS: Record<string, ProtocolName> = {
  'aws.protocols#restJson1': 'restJson1',
  'aws.protocols#awsJson1_0': 'awsJson1_0',
  'aws.protocols#awsJson1_1': 'awsJson1_1',
  'aws.protocols#awsQuery': 'awsQuery',
  'aws.protocols#restXml': 'restXml',
};

export interface HttpBinding {
  method: string;
  uri: string;
  code: number;
}

export interface OperationModel {
  name: string;
  shape: Shape;
  input?: Shape;
  output?: Shape;
  errors: Shape[];
  http?: HttpBinding;
  service: ServiceModel;
}

interface AwsServiceTrait {
  sdkId: string;
  arnNamespace?: string;
  cloudTrailEventSource?: string;
  endpointPrefix?: string;
}

export class ServiceModel {
  readonly index: ShapeIndex;
  readonly shape: Shape;
  readonly protocol: ProtocolName;
  readonly version: string;
  readonly sdkId: string;
  readonly signingName: string;
  readonly arnNamespace: string;
  readonly eventSource: string;
  readonly xmlNamespace?: string;
  readonly operations: ReadonlyMap<string, OperationModel>;
  private readonly errorsByName: Map<string, Shape>;

  constructor(ast: AstModel) {
    this.index = new ShapeIndex(ast);
    const serviceIds = this.index.ids('service');
    if (serviceIds.length !== 1) throw new Error(`Expected one service shape, found ${serviceIds.length}`);
    this.shape = this.index.shape(serviceIds[0]);
    const traits = this.shape.traits;
    const protocols = Object.keys(PROTOCOL_TRAITS).filter((t) => t in traits);
    if (protocols.length !== 1) throw new Error(`${this.shape.id}: expected one protocol trait`);
    this.protocol = PROTOCOL_TRAITS[protocols[0]];
    const aws = traits['aws.api#service'] as AwsServiceTrait;
    this.sdkId = aws.sdkId;
    this.arnNamespace = aws.arnNamespace ?? aws.endpointPrefix ?? aws.sdkId.toLowerCase();
    this.eventSource = aws.cloudTrailEventSource ?? `${this.arnNamespace}.amazonaws.com`;
    this.signingName = (traits['aws.auth#sigv4'] as { name: string }).name;
    this.xmlNamespace = (traits['smithy.api#xmlNamespace'] as { uri: string } | undefined)?.uri;
    this.version = (ast.shapes[this.shape.id].version ?? '') as string;

    const operations = new Map<string, OperationModel>();
    for (const { target } of ast.shapes[this.shape.id].operations ?? []) {
      const shape = this.index.shape(target);
      const op = ast.shapes[target];
      operations.set(shape.name, {
        name: shape.name,
        shape,
        input: op.input ? this.index.shape(op.input.target) : undefined,
        output: op.output ? this.index.shape(op.output.target) : undefined,
        errors: (op.errors ?? []).map((e) => this.index.shape(e.target)),
        http: shape.traits['smithy.api#http'] as HttpBinding | undefined,
        service: this,
      });
    }
    this.operations = operations;
    this.errorsByName = new Map(this.index.ids('structure').map((id) => this.index.shape(id)).filter((s) => s.isError).map((s) => [s.name, s]));
  }

  /** The modelled error shape with this name (e.g. ResourceNotFoundException). */
  errorShape(name: string): Shape | undefined {
    return this.errorsByName.get(name);
  }

  static load(file: string): ServiceModel {
    return new ServiceModel(JSON.parse(readFileSync(file, 'utf8')) as AstModel);
  }
}

/** Path of a vendored model file under model/. */
export function vendoredModelPath(name: string): string {
  return fileURLToPath(new URL(`../../../model/${name}.json`, import.meta.url));
}
