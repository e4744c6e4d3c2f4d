// Each benchmark owns one "## NAME" section of docs/BENCHMARKS.md and
// replaces only that section, so benchmarks never overwrite each other.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const PATH = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const HEADER = '# Benchmarks\n\nFigures written by `npm run bench -- NAME` (one section per benchmark, replaced on each run).\n';

export function writeBenchmarkSection(name: string, body: string): void {
  const text = existsSync(PATH) ? readFileSync(PATH, 'utf8') : HEADER;
  const section = `## ${name}\n\n${body.trim()}\n`;
  const start = text.indexOf(`\n## ${name}\n`);
  if (start < 0) {
    writeFileSync(PATH, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + 1);
  writeFileSync(PATH, `${text.slice(0, start + 1)}${section}${next < 0 ? '' : text.slice(next)}`);
}

/** "Measured <date> on <cores> × <CPU>, <memory>, <OS>, Node <version>." */
export function measuredOn(): string {
  const cores = cpus();
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`;
}
