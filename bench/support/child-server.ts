// Starting a benchmark server (support/bench-server.ts) in a child process,
// and reading how much CPU it used.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Started {
  child: ChildProcess;
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The server's data directory (oia only). */
  dataDir?: string;
}

/** `oia` takes configuration keys that override the defaults. */
export async function startServer(mode: 'oia' | 'echo', config: object = {}): Promise<Started> {
  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  // BENCH_PROFILE=DIR: V8 CPU profiles of every server thread, written to DIR when it exits.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...profile, script, mode, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, ...JSON.parse(line) };
}

/** CPU time (user + system, ms) a process has used so far, all threads; undefined where /proc is missing. */
export function cpuMs(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
