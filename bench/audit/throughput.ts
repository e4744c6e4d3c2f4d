// (a) Control-plane calls per second with audit recording off and on, in one
// run: two `oia serve` children (audit.enabled false / true), measured in
// alternating rounds so that machine noise hits both alike. The load is the
// official SDK doing CreateChannel + DescribeChannel pairs (half the calls
// commit a change and its record in one transaction, half are read-only and
// recorded in batches). Besides calls/s, the server's CPU time per call
// (from /proc) is reported: it is steadier on a shared machine.
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
  const start = async (name: string, enabled: boolean) => {
    const dir = join(workDir, name);
    mkdirSync(dir, { recursive: true });
    return serveChild(dir, { audit: { enabled }, quotas: { channels: 100_000_000 } });
  };
  const off = await start('recording-off', false);
  const on = await start('recording-on', true);
  const result: ThroughputResult = { off: [], on: [] };
  try {
    let serial = 0;
    const measure = async (server: ChildServer, seconds: number): Promise<Round> => {
      const client = new IoTAnalyticsClient(server.clientConfig());
      const deadline = Date.now() + seconds * 1000;
      let calls = 0;
      const worker = async () => {
        while (Date.now() < deadline) {
          const channelName = `bench_${serial++}`;
          await client.send(new CreateChannelCommand({ channelName }));
          await client.send(new DescribeChannelCommand({ channelName }));
          calls += 2;
        }
      };
      const began = performance.now();
      const cpuBefore = processCpuMs(server.child.pid!);
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      const round = {
        callsPerSecond: calls / ((performance.now() - began) / 1000),
        cpuPerCallUs: ((processCpuMs(server.child.pid!) - cpuBefore) * 1000) / calls,
      };
      client.destroy();
      return round;
    };
    await measure(off, 1);
    await measure(on, 1);
    for (let round = 0; round < options.rounds; round++) {
      result.off.push(await measure(off, options.seconds));
      result.on.push(await measure(on, options.seconds));
    }
  } finally {
    await off.stop();
    await on.stop();
  }
  return result;
}
