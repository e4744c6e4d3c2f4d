// The subset of the Smithy 2.0 JSON AST (https://smithy.io/2.0/spec/json-ast.html)
// that the protocol layer reads.

export type Traits = Record<string, unknown>;

export interface AstMember {
  target: string;
  traits?: Traits;
}

export interface AstShape {
  type: string;
  version?: string;
  members?: Record<string, AstMember>;
  member?: AstMember;
  key?: AstMember;
  value?: AstMember;
  operations?: { target: string }[];
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  traits?: Traits;
}

export interface AstModel {
  smithy: string;
  metadata?: Record<string, unknown>;
  shapes: Record<string, AstShape>;
}
