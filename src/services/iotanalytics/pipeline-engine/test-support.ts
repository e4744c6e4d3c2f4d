// Helpers for the engine's unit tests: payload encoding and a deps set made of
// the real default implementations over temporary files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineDeps } from './deps.ts';
import { createLambdaInvoker } from './lambda-invoker.ts';
import { createThingDirectory, type ThingsDocument } from './thing-directory.ts';

export const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

export const encode = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

export const decode = (payloads: Uint8Array[]): unknown[] => payloads.map((p) => JSON.parse(Buffer.from(p).toString('utf8')));

export interface TestDeps extends PipelineDeps {
  /** Writes `<name>.mjs` into the lambda module directory. */
  writeLambda(name: string, source: string): void;
  cleanup(): void;
}

export function testDeps(things: ThingsDocument = {}): TestDeps {
  const dir = mkdtempSync(join(tmpdir(), 'oia-lambdas-'));
  return {
    lambda: createLambdaInvoker({ moduleDirectory: dir, timeoutMs: 10_000 }),
    things: createThingDirectory(things, SCOPE),
    writeLambda: (name, source) => writeFileSync(join(dir, `${name}.mjs`), source),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
