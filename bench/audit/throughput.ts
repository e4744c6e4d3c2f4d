// (a) Control-plane calls per second with audit recording off and on, in one
// run: `oia serve` children with audit.enabled false and true. Each round
// starts a fresh pair (so both hold the same amount of state), warms both up,
// then measures them one after the other, alternating which goes first. The
// load is the official SDK doing CreateChannel + DescribeChannel pairs (half
// the calls commit a change and its record in one transaction, half are
// read-only and recorded in batches). Besides calls/s, the server's CPU time
// per call (from /proc) is reported: it is steadier on a shared machine.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateChannelCommand, DescribeChannelCommand, IoTAnalyticsClient } from '@aws-sdk/client-iotanalytics';
import { serveChild, type ChildServer } from '../../test/support/child-server.ts';
import { processCpuMs } from './report.ts';

export interface Round {
  callsPerSecond: number;
  /** Server CPU (user + system) per call, in microseconds. */
  cpuPerCallUs: number;
}

export interface ThroughputResult {
  off: Round[];
  on: Round[];
}

export async function recordingThroughput(workDir: string, options: { seconds: number; rounds: number; concurrency: number }): Promise<ThroughputResult> {
  const result: ThroughputResult = { off: [], on: [] };
  for (let round = 0; round < options.rounds; round++) {
    const start = async (enabled: boolean) => {
      const dir = join(workDir, `round-${round}-recording-${enabled ? 'on' : 'off'}`);
      mkdirSync(dir, { recursive: true });
      return serveChild(dir, { audit: { enabled }, quotas: { channels: 100_000_000 } });
    };
    const off = await start(false);
    const on = await start(true);
    try {
      await measure(off, 1, options.concurrency);
      await measure(on, 1, options.concurrency);
      const order = round % 2 === 0 ? ([off, on] as const) : ([on, off] as const);
      for (const server of order) (server === off ? result.off : result.on).push(await measure(server, options.seconds, options.concurrency));
    } finally {
      await off.stop();
      await on.stop();
    }
  }
  return result;
}

async function measure(server: ChildServer, seconds: number, concurrency: number): Promise<Round> {
  const client = new IoTAnalyticsClient(server.clientConfig());
  const deadline = Date.now() + seconds * 1000;
  let calls = 0;
  let serial = 0;
  const prefix = `bench_${Date.now()}_`;
  const worker = async () => {
    while (Date.now() < deadline) {
      const channelName = `${prefix}${serial++}`;
      await client.send(new CreateChannelCommand({ channelName }));
      await client.send(new DescribeChannelCommand({ channelName }));
      calls += 2;
    }
  };
  const began = performance.now();
  const cpuBefore = processCpuMs(server.child.pid!);
  await Promise.all(Array.from({ length: concurrency }, worker));
  const round = {
    callsPerSecond: calls / ((performance.now() - began) / 1000),
    cpuPerCallUs: ((processCpuMs(server.child.pid!) - cpuBefore) * 1000) / calls,
  };
  client.destroy();
  return round;
}
