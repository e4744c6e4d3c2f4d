// Which channel an MQTT message goes into: the routes of the configuration,
// each a topic filter (with MQTT's + and # wildcards) and a channel, as an
// AWS IoT rule `SELECT * FROM '<filter>'` with an iotAnalytics action did.
import type { MqttRoute } from '../../../config/schema.ts';

export interface Route extends MqttRoute {
  /** The MQTT 5 subscription identifier of the route's subscription (1-based). */
  identifier: number;
  region: string;
}

export function routes(configured: readonly MqttRoute[], defaultRegion: string): Route[] {
  return configured.map((route, i) => ({ ...route, identifier: i + 1, region: route.region ?? defaultRegion }));
}

/**
 * The routes a message matched: by the subscription identifiers the broker
 * sent (exact, however filters overlap), else by matching its topic.
 */
export function routesFor(all: readonly Route[], topic: string, subscriptionIds: readonly number[]): Route[] {
  if (subscriptionIds.length > 0) return all.filter((r) => subscriptionIds.includes(r.identifier));
  return all.filter((r) => topicMatches(r.topicFilter, topic));
}

/** MQTT topic matching: `+` one level, `#` (last) any number of levels; `$` topics only by explicit filters. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
