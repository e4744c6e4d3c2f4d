// Shared by the benchmarks: percentiles, a child `oia serve`, and the
// docs/BENCHMARKS.md section writer.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account } from '../src/identity/account.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summary(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

export interface ChildServer {
  url: string;
  account: Account;
  stop(): Promise<void>;
}

/** `oia serve` as a child process (its own CPU, as in production) on `dataDir` with a JSON config. */
export function serveChild(dataDir: string, config: object): Promise<ChildServer> {
  const configFile = join(dataDir, 'bench-config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const child: ChildProcess = spawn(process.execPath, ['bin/oia.js', 'serve', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      const account = JSON.parse(readFileSync(join(dataDir, 'account.json'), 'utf8')) as Account;
      resolve({
        url,
        account,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`oia serve exited with ${code}: ${out}`)));
  });
}

export function clientConfig(server: ChildServer) {
  return {
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: server.account.rootAccessKeyId, secretAccessKey: server.account.rootSecretAccessKey },
    maxAttempts: 1,
  };
}

/** Replaces (or appends) the `## <name>` section of docs/BENCHMARKS.md. */
export function writeSection(name: string, body: string): void {
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  const file = join(ROOT, 'docs', 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nFigures written by `npm run bench -- NAME`; each section says how it was measured.\n';
  const heading = `## ${name}\n`;
  const start = current.indexOf(heading);
  const section = `${heading}\n${body.trim()}\n`;
  if (start < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  writeFileSync(file, current.slice(0, start) + section + (next < 0 ? '' : current.slice(next)));
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
