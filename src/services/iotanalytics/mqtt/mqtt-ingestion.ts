// Puts MQTT messages into channels, as an AWS IoT rule with an iotAnalytics
// action did: each message is checked as BatchPutMessage checks one, and
// the messages that arrive while a write is under way are written together
// in the next transaction (one batch row per channel), so acknowledging many
// messages costs one commit. An MQTT message is not an API call: it makes no
// CloudTrail record (docs/FIDELITY.md, "MQTT ingestion").
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { Database } from '../../../storage/db/database.ts';
import { channelLog } from '../data-plane/channels/channel-log.ts';
import type { ChannelMessage } from '../data-plane/messages/batch-codec.ts';
import { MAX_MESSAGES_PER_BATCH, payloadProblem } from '../data-plane/messages/message-rules.ts';
import { resourceStore } from '../resources/resource-store.ts';
import type { IncomingMessage } from './mqtt-connection.ts';
import { routesFor, type Route } from './topic-routes.ts';

/** PUBACK reason codes (MQTT 5): success, unspecified error, payload format invalid. */
const SUCCESS = 0x00;
const UNSPECIFIED_ERROR = 0x80;
const PAYLOAD_FORMAT_INVALID = 0x99;

/** Most messages in one stored batch. */
const MAX_ROW_MESSAGES = 1000;

export interface MqttIngestionOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  routes: Route[];
  /** Messages were committed to a channel. */
  ingested(region: string, channel: string): void;
}

interface Waiting {
  messages: ChannelMessage[];
  settle(code: number): void;
  fail(error: unknown): void;
}

export class MqttIngestion {
  private pending = new Map<string, { region: string; channel: string; waiting: Waiting[] }>();
  private writing: Promise<void> | undefined;
  /** Message ids: a random prefix per server run and a counter, unique within any batch. */
  private readonly idPrefix = `mqtt-${randomBytes(6).toString('hex')}-`;
  private nextId = 0;

  constructor(private readonly options: MqttIngestionOptions) {}

  /** Stores a message in the channels of the routes it matched; resolves with the PUBACK reason code once durable. */
  async handle(message: IncomingMessage): Promise<number> {
    const matched = routesFor(this.options.routes, message.topic, message.subscriptionIds);
    const codes = await Promise.all(matched.map((route) => this.toChannel(route, message)));
    return codes.find((code) => code !== SUCCESS) ?? SUCCESS;
  }

  private toChannel(route: Route, message: IncomingMessage): Promise<number> {
    const messages = this.messagesOf(route, message);
    if (typeof messages === 'string') {
      this.options.logger.warn('MQTT message refused', { topic: message.topic, channel: route.channelName, reason: messages });
      return Promise.resolve(PAYLOAD_FORMAT_INVALID);
    }
    const key = `${route.region}/${route.channelName}`;
    let group = this.pending.get(key);
    if (!group) {
      group = { region: route.region, channel: route.channelName, waiting: [] };
      this.pending.set(key, group);
    }
    const target = group;
    const done = new Promise<number>((settle, fail) => target.waiting.push({ messages, settle, fail }));
    this.writing ??= this.writeSoon();
    return done;
  }

  /**
   * The channel messages one MQTT message makes, or why it is refused. With
   * the route's batchMode a JSON array payload is split into one message per
   * element (at most 100), as the iotAnalytics rule action's batchMode did.
   */
  private messagesOf(route: Route, message: IncomingMessage): ChannelMessage[] | string {
    let payloads = [message.payload];
    if (route.batchMode) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.payload.toString('utf8'));
      } catch {
        return 'with batchMode the payload must be a JSON array';
      }
      if (!Array.isArray(parsed)) return 'with batchMode the payload must be a JSON array';
      if (parsed.length > MAX_MESSAGES_PER_BATCH) return `with batchMode the array can have at most ${MAX_MESSAGES_PER_BATCH} elements`;
      payloads = parsed.map((element) => Buffer.from(JSON.stringify(element)));
    }
    const messages: ChannelMessage[] = [];
    for (const payload of payloads) {
      const problem = payloadProblem(payload);
      if (problem !== undefined) return problem;
      messages.push({ messageId: this.idPrefix + (this.nextId++).toString(36), payload });
    }
    return messages;
  }

  // Messages keep arriving while a transaction runs; they wait for the next.
  private async writeSoon(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      const groups = [...this.pending.values()];
      this.pending = new Map();
      await this.write(groups);
    }
    this.writing = undefined;
  }

  private async write(groups: { region: string; channel: string; waiting: Waiting[] }[]): Promise<void> {
    const receivedAt = this.options.clock.now();
    let missing: Set<(typeof groups)[number]>;
    try {
      missing = await this.options.db.transaction(async (tx) => {
        const absent = new Set<(typeof groups)[number]>();
        for (const group of groups) {
          if (!(await resourceStore.find(tx, group.region, 'channel', group.channel))) {
            absent.add(group);
            continue;
          }
          const messages = group.waiting.flatMap((w) => w.messages);
          for (let at = 0; at < messages.length; at += MAX_ROW_MESSAGES) {
            await channelLog.append(tx, group, messages.slice(at, at + MAX_ROW_MESSAGES), receivedAt);
          }
        }
        return absent;
      });
    } catch (error) {
      for (const group of groups) for (const w of group.waiting) w.fail(error);
      return;
    }
    for (const group of groups) {
      if (missing.has(group)) {
        this.options.logger.error('MQTT messages for a channel that does not exist were dropped', { region: group.region, channel: group.channel, messages: group.waiting.length });
      } else this.options.ingested(group.region, group.channel);
      for (const w of group.waiting) w.settle(missing.has(group) ? UNSPECIFIED_ERROR : SUCCESS);
    }
  }
}
