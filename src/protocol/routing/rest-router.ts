// Routes REST-style requests (restJson1, restXml) to operations by the
// `smithy.api#http` URI templates of the model: literal segments, labels,
// greedy labels (`{Key+}`) and query literals (`/{Bucket}?location`).
// When several templates match, the most specific wins: more literal
// segments first, then more query literals. S3 gives several operations the
// same template (PUT /{Bucket}/{Key+} is PutObject, CopyObject, UploadPart and
// UploadPartCopy) and tells them apart by the parameters they require, so a
// tie goes to the operation whose required query parameters and headers are
// all present, the one requiring most of them first; a deprecated operation
// loses to its successor.
import type { RawRequest } from '../http-types.ts';
import { safeDecode } from '../http-types.ts';
import type { OperationModel } from '../model/service-model.ts';

const QUERY = 'smithy.api#httpQuery';
const HEADER = 'smithy.api#httpHeader';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface CompiledRoute {
  operation: OperationModel;
  method: string;
  segments: Segment[];
  queryLiterals: [string, string | undefined][];
  specificity: number;
  /** Query parameter names and (lower-case) header names of required input members. */
  requiredQuery: string[];
  requiredHeaders: string[];
  deprecated: boolean;
}

type RoutableRequest = Pick<RawRequest, 'method' | 'path' | 'query'> & { headers?: Record<string, string> };

export interface RestMatch {
  operation: OperationModel;
  /** Percent-decoded values of the URI labels, by label name. */
  labels: Record<string, string>;
}

export class RestRouter {
  private readonly routes: CompiledRoute[];

  constructor(operations: Iterable<OperationModel>) {
    this.routes = [...operations]
      .filter((op) => op.http)
      .map((op) => compile(op))
      .sort((a, b) => b.specificity - a.specificity);
  }

  match(req: RoutableRequest): RestMatch | undefined {
    const segments = splitPath(req.path);
    let best: { route: CompiledRoute; labels: Record<string, string>; rank: number } | undefined;
    for (const route of this.routes) {
      if (best && route.specificity < best.route.specificity) break;
      if (route.method !== req.method) continue;
      const labels = matchSegments(route.segments, segments);
      if (!labels) continue;
      if (!route.queryLiterals.every(([k, v]) => req.query.some(([qk, qv]) => qk === k && (v === undefined || qv === v)))) {
        continue;
      }
      const rank = tieRank(route, req);
      if (!best || rank > best.rank) best = { route, labels, rank };
    }
    return best && { operation: best.route.operation, labels: best.labels };
  }

  /** True when some operation answers this path with another method (for 405-style answers). */
  pathExists(path: string): boolean {
    const segments = splitPath(path);
    return this.routes.some((r) => matchSegments(r.segments, segments) !== undefined);
  }
}

function compile(operation: OperationModel): CompiledRoute {
  const { method, uri } = operation.http!;
  const [pathPart, queryPart = ''] = uri.split('?', 2);
  const segments: Segment[] = splitPath(pathPart).map((s) => {
    const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
    return m ? { label: m[1], greedy: m[2] === '+' } : { literal: s };
  });
  const queryLiterals: [string, string | undefined][] = queryPart
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, undefined] : [p.slice(0, eq), p.slice(eq + 1)];
    });
  const literalCount = segments.filter((s) => 'literal' in s).length;
  const specificity = literalCount * 100 + queryLiterals.length * 10 + segments.length;
  const required = operation.input?.members.filter((m) => m.required) ?? [];
  return {
    operation,
    method,
    segments,
    queryLiterals,
    specificity,
    requiredQuery: required.flatMap((m) => (QUERY in m.traits ? [m.traits[QUERY] as string] : [])),
    requiredHeaders: required.flatMap((m) => (HEADER in m.traits ? [(m.traits[HEADER] as string).toLowerCase()] : [])),
    deprecated: 'smithy.api#deprecated' in operation.shape.traits,
  };
}

/**
 * How well a template fits among equally specific ones: -1 when a required
 * parameter is missing; otherwise more required parameters rank higher, and a
 * deprecated operation just below its successor.
 */
function tieRank(route: CompiledRoute, req: RoutableRequest): number {
  const present =
    route.requiredQuery.every((name) => req.query.some(([k]) => k === name)) &&
    route.requiredHeaders.every((name) => req.headers?.[name] !== undefined);
  if (!present) return -1;
  return (route.requiredQuery.length + route.requiredHeaders.length) * 2 + (route.deprecated ? 0 : 1);
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function matchSegments(template: Segment[], actual: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if ('literal' in t) {
      if (actual[i] !== t.literal) return undefined;
      continue;
    }
    if (t.greedy) {
      const rest = actual.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      labels[t.label] = rest.map(safeDecode).join('/');
      return labels;
    }
    if (actual[i] === undefined || actual[i] === '') return undefined;
    labels[t.label] = safeDecode(actual[i]);
  }
  return template.length === actual.length ? labels : undefined;
}
