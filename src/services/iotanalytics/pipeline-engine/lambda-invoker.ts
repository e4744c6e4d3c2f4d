// Runs the functions that lambda activities name, without AWS Lambda: a
// JavaScript module on disk, or an HTTP endpoint (which can be anything,
// including a real Lambda behind a function URL). See docs/PIPELINES.md.
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaEvent, LambdaInvoker } from './deps.ts';

export interface LambdaInvokerOptions {
  /** Where `<lambdaName>.mjs` (or `.js`) is looked for when `functions` has no entry. */
  moduleDirectory?: string;
  /**
   * lambdaName → a module path (relative paths resolve against
   * moduleDirectory, else the working directory) or an http(s) URL.
   */
  functions?: Record<string, string>;
  /** How long one invocation may take. */
  timeoutMs: number;
}

/** Handed to module functions as their second argument, like Lambda's context. */
export interface LambdaContext {
  functionName: string;
}

type Target = { kind: 'module'; path: string } | { kind: 'http'; url: string };

type Handler = (events: LambdaEvent[], context: LambdaContext) => unknown;

export function createLambdaInvoker(options: LambdaInvokerOptions): LambdaInvoker {
  const base = options.moduleDirectory ?? process.cwd();
  const modules = new Map<string, { mtimeMs: number; handler: Handler }>();

  async function resolveTarget(name: string): Promise<Target> {
    const configured = options.functions?.[name];
    if (configured !== undefined) {
      return /^https?:\/\//.test(configured) ? { kind: 'http', url: configured } : { kind: 'module', path: isAbsolute(configured) ? configured : resolve(base, configured) };
    }
    if (options.moduleDirectory !== undefined) {
      for (const extension of ['.mjs', '.js']) {
        const path = join(options.moduleDirectory, name + extension);
        if (await exists(path)) return { kind: 'module', path };
      }
    }
    // Lambda's own words for a function that does not exist.
    throw new Error(`Function not found: ${name}`);
  }

  // A module is loaded again when its file changes, so a function can be
  // edited without restarting the server. (Each version stays in memory.)
  async function loadHandler(path: string): Promise<Handler> {
    const { mtimeMs } = await stat(path);
    const cached = modules.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.handler;
    const module = (await import(`${pathToFileURL(path).href}?mtime=${mtimeMs}`)) as { default?: unknown; handler?: unknown };
    const handler = typeof module.default === 'function' ? module.default : module.handler;
    if (typeof handler !== 'function') throw new Error(`${path} exports neither a default function nor a function named handler`);
    modules.set(path, { mtimeMs, handler: handler as Handler });
    return handler as Handler;
  }

  return {
    async invoke(lambdaName, events) {
      const target = await resolveTarget(lambdaName);
      if (target.kind === 'http') return invokeHttp(target.url, events, options.timeoutMs);
      const handler = await loadHandler(target.path);
      return withTimeout(Promise.resolve().then(() => handler(events, { functionName: lambdaName })), options.timeoutMs);
    },
  };
}

async function invokeHttp(url: string, events: LambdaEvent[], timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(events),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') throw timedOut(timeoutMs);
    throw new Error(`${url} could not be reached: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${url} answered with a body that is not JSON`);
  }
}

/**
 * The function itself cannot be stopped (it runs in this process); its result
 * is simply no longer waited for.
 */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

// AWS Lambda's message for a function that runs out of time.
function timedOut(timeoutMs: number): Error {
  return new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}
