// npm run bench -- NAME [args…]: runs bench/NAME.ts, which measures and
// writes its own section of docs/BENCHMARKS.md (its arguments start at
// process.argv[3]).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
const file = name && /^[\w-]+$/.test(name) ? fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) : undefined;
if (!file || !existsSync(file) || name === 'run') {
  process.stderr.write('usage: npm run bench -- NAME [args...]   (runs bench/NAME.ts)\n');
  process.exit(2);
}
await import(file);
