// Figures of the audit benchmark: percentiles, server CPU, and its section of
// docs/BENCHMARKS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summary(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
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

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
