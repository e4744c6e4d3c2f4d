// npm run bench -- NAME [args…]: runs bench/NAME.ts, whose default export
// takes the remaining arguments and writes its figures to docs/BENCHMARKS.md.
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- NAME [args...]   (runs bench/NAME.ts)');
  process.exit(2);
}
const bench = (await import(`./${name}.ts`)) as { default: (args: string[]) => Promise<void> };
await bench.default(args);
