// An index over a Smithy model: shapes resolved by id, members with their
// effective traits (member traits win over the target's), prelude types.
import type { AstMember, AstModel, AstShape, Traits } from './smithy-ast.ts';

export type ShapeType =
  | 'structure'
  | 'union'
  | 'list'
  | 'set'
  | 'map'
  | 'string'
  | 'enum'
  | 'intEnum'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'blob'
  | 'document'
  | 'unit'
  | 'service'
  | 'operation'
  | 'resource';

export const NUMBER_TYPES: ReadonlySet<ShapeType> = new Set([
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'double',
  'bigInteger',
  'bigDecimal',
  'intEnum',
]);
export const INTEGER_TYPES: ReadonlySet<ShapeType> = new Set(['byte', 'short', 'integer', 'long', 'bigInteger', 'intEnum']);

const PRELUDE: Record<string, ShapeType> = {
  String: 'string',
  Blob: 'blob',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  PrimitiveByte: 'byte',
  Short: 'short',
  PrimitiveShort: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  PrimitiveFloat: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  Unit: 'unit',
};

export class Member {
  readonly traits: Traits;
  constructor(
    readonly name: string,
    private readonly index: ShapeIndex,
    private readonly ast: AstMember,
  ) {
    this.traits = ast.traits ?? {};
  }

  get target(): Shape {
    return this.index.shape(this.ast.target);
  }

  /** A trait of the member, or else of its target shape. */
  trait<T = unknown>(name: string): T | undefined {
    if (name in this.traits) return this.traits[name] as T;
    return this.target.traits[name] as T | undefined;
  }

  has(name: string): boolean {
    return name in this.traits || name in this.target.traits;
  }

  get required(): boolean {
    return 'smithy.api#required' in this.traits;
  }

  get sensitive(): boolean {
    return this.has('smithy.api#sensitive');
  }
}

export class Shape {
  readonly name: string;
  readonly traits: Traits;
  readonly type: ShapeType;
  private memberList?: Member[];
  private memberMap?: Map<string, Member>;

  constructor(
    readonly id: string,
    private readonly index: ShapeIndex,
    private readonly ast: AstShape,
  ) {
    this.name = id.slice(id.indexOf('#') + 1);
    this.traits = ast.traits ?? {};
    this.type = ast.type as ShapeType;
  }

  get members(): Member[] {
    this.memberList ??= Object.entries(this.ast.members ?? {}).map(([name, m]) => new Member(name, this.index, m));
    return this.memberList;
  }

  member(name: string): Member | undefined {
    this.memberMap ??= new Map(this.members.map((m) => [m.name, m]));
    return this.memberMap.get(name);
  }

  /** The element member of a list, or key/value of a map. */
  get listMember(): Member {
    return new Member('member', this.index, this.ast.member!);
  }
  get mapKey(): Member {
    return new Member('key', this.index, this.ast.key!);
  }
  get mapValue(): Member {
    return new Member('value', this.index, this.ast.value!);
  }

  /** Wire values of an enum shape, in model order. */
  get enumValues(): string[] {
    return this.members.map((m) => String(m.traits['smithy.api#enumValue'] ?? m.name));
  }

  get isError(): boolean {
    return 'smithy.api#error' in this.traits;
  }
}

export class ShapeIndex {
  private readonly cache = new Map<string, Shape>();

  constructor(readonly ast: AstModel) {}

  shape(id: string): Shape {
    let shape = this.cache.get(id);
    if (shape) return shape;
    const ast = this.ast.shapes[id] ?? prelude(id);
    if (!ast) throw new Error(`Unknown shape ${id}`);
    shape = new Shape(id, this, ast);
    this.cache.set(id, shape);
    return shape;
  }

  has(id: string): boolean {
    return id in this.ast.shapes || prelude(id) !== undefined;
  }

  ids(type: ShapeType): string[] {
    return Object.keys(this.ast.shapes).filter((id) => this.ast.shapes[id].type === type);
  }
}

function prelude(id: string): AstShape | undefined {
  if (!id.startsWith('smithy.api#')) return undefined;
  const type = PRELUDE[id.slice('smithy.api#'.length)];
  return type ? { type } : undefined;
}
