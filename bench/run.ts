// npm run bench -- NAME: runs bench/NAME.ts, which measures and writes its
// own section of docs/BENCHMARKS.md.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
const file = name && /^[\w-]+$/.test(name) ? fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) : undefined;
if (!file || !existsSync(file) || name === 'run') {
  process.stderr.write('usage: npm run bench -- NAME   (runs bench/NAME.ts, e.g. control-plane)\n');
  process.exit(2);
}
await import(file);
