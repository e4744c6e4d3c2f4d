// oia <command> [options]
import { bucketsCommand } from './buckets.ts';
import { credentialsCommand } from './credentials.ts';
import { eventsCommand } from './events.ts';
import { serveCommand } from './serve.ts';
import { trailCommand } from './trail.ts';

export type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  serve: { run: serveCommand, summary: 'run the server (IoT Analytics, CloudTrail, IAM, STS, S3 on one port)' },
  credentials: { run: credentialsCommand, summary: 'print export lines for the root access key' },
  buckets: { run: bucketsCommand, summary: "create and list buckets (through the server's S3 API)" },
  events: { run: (args) => eventsCommand(args), summary: 'look up, download or follow the audit trail (CloudTrail events)' },
  trail: { run: trailCommand, summary: "validate a trail's log files with its signed digests (as aws cloudtrail validate-logs)" },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(14)}${c.summary}`);
    (name && name !== '--help' && name !== 'help' ? process.stderr : process.stdout).write(
      `usage: oia <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'oia <command> --help' for a command's options.\n`,
    );
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    process.stderr.write(`oia ${name}: ${(error as Error).message}\n`);
    return 2;
  }
}
