// oia serve: one listener for every service, on the embedded default storage.
import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import { loadConfig } from '../config/load.ts';
import { exportLines } from './credentials.ts';

const USAGE = `usage: oia serve [--host H] [--port P] [--data-dir DIR] [--config FILE] [--log-level L]
                 [--mqtt-url URL --mqtt-route FILTER=CHANNEL ...] [--lambda-dir DIR] [--things-file FILE]
                 [--delivery-interval SECONDS] [--digest-interval SECONDS]

  --host          address to listen on (default 127.0.0.1)
  --port          port to listen on (default 8686; 0 picks a free one)
  --data-dir      where state is kept (default ./oia-data)
  --config        JSON file with any configuration keys (see README)
  --log-level     debug | info | warn | error | silent (default info)
  --mqtt-url      MQTT broker to take device messages from, e.g. mqtt://127.0.0.1:1883
  --mqtt-route    topic filter and the channel its messages go into, e.g. 'sensors/+/data=telemetry'
                  (repeat for more routes; replaces the routes of the config file)
  --lambda-dir    where lambda activities find <lambdaName>.mjs (default <data-dir>/lambdas)
  --things-file   things and shadows for the enrich activities (default <data-dir>/things.json)
  --delivery-interval
                  seconds between deliveries of trail log files (default 300, at least 1)
  --digest-interval
                  seconds each digest file covers, for trails with log file validation (default 3600, at least 1)
`;

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'log-level': { type: 'string' },
      'mqtt-url': { type: 'string' },
      'mqtt-route': { type: 'string', multiple: true },
      'lambda-dir': { type: 'string' },
      'things-file': { type: 'string' },
      'delivery-interval': { type: 'string' },
      'digest-interval': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Everything the server writes (database, keys, buckets) is for its owner only.
  process.umask(0o077);
  const config = loadConfig(values);
  const app = await createApp({ config });
  const { url } = await app.listen();
  const out = process.stdout;
  out.write(`Open IoT Analytics listening on ${url} (data in ${config.dataDir})\n`);
  out.write(`Account ${app.account.accountId}${app.accountCreated ? ' created' : ''}. Use its root key with:\n`);
  out.write(exportLines(app.account, config.defaultRegion).map((l) => `  ${l}`).join('\n') + '\n');
  out.write(`  aws --endpoint-url ${url} iotanalytics list-channels\n`);
  if (app.mqtt) out.write(`Taking MQTT messages from ${config.mqtt!.url} (${config.mqtt!.routes.map((r) => `${r.topicFilter} → ${r.channelName}`).join(', ')})\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  out.write('Shutting down\n');
  await app.close();
  return 0;
}
