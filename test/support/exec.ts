// Runs an external client (Debian's aws CLI, boto3, `oia`) without blocking
// the event loop: the server under test runs in this process.
import { execFile } from 'node:child_process';

export interface Execution {
  code: number;
  stdout: string;
  stderr: string;
}

export function exec(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Execution> {
  return new Promise((resolve) => {
    execFile(file, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
