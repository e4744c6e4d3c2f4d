// One MQTT session with a broker, as an ingestion front end: MQTT 5 over TCP
// or TLS, a persistent session (messages published while the server is
// down wait at the broker), QoS 1 subscriptions, and PUBACKs sent only once
// the message is durable, in the order the messages came (as MQTT requires).
//
// Written on mqtt-packet (the codec of the `mqtt` package) rather than with
// the `mqtt` client itself: that client handles one incoming message at a
// time and holds the next until the previous one is acknowledged, so an
// acknowledgement that waits for a database commit would let one message in
// per commit. Here many messages are in flight (we announce a receive
// maximum of 65535) and share commits. docs/ARCHITECTURE.md, "MQTT".
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import mqttPacket, { type Packet } from 'mqtt-packet';
import type { Logger } from '../../../lib/logger.ts';

export interface IncomingMessage {
  topic: string;
  payload: Buffer;
  /** The identifiers of the subscriptions it matched (MQTT 5); empty when the broker sent none. */
  subscriptionIds: number[];
}

export interface MqttConnectionOptions {
  /** mqtt://host[:1883] or mqtts://host[:8883]. */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  subscriptions: { topicFilter: string; identifier: number }[];
  keepaliveSeconds: number;
  /** How long the broker keeps the session (and queues messages) while we are away. */
  sessionExpirySeconds: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  logger: Logger;
  /**
   * Takes one message; resolves with the PUBACK reason code (0: stored)
   * once the message is durable or refused. A rejection means it could not
   * be stored now: the connection is dropped so the broker sends it again.
   */
  onMessage(message: IncomingMessage): Promise<number>;
}

const PROTOCOL = { protocolVersion: 5 as const };

/**
 * An MQTT 5 PUBACK, written by hand: one per message makes mqtt-packet's
 * general encoder show in profiles. Success needs no reason code (length 2);
 * otherwise the code follows the packet identifier (length 3).
 */
function writePuback(out: Buffer, at: number, messageId: number, code: number): number {
  out[at] = 0x40;
  out[at + 1] = code === 0 ? 2 : 3;
  out.writeUInt16BE(messageId, at + 2);
  if (code === 0) return 4;
  out[at + 4] = code;
  return 5;
}

interface PendingAck {
  messageId: number;
  code?: number;
}

export class MqttConnection {
  private socket: Socket | undefined;
  private acks: PendingAck[] = [];
  private inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private lastHeard = 0;
  private nextPacketId = 1;
  private readyWaiters: (() => void)[] = [];
  private subscribed = false;
  private awaitedSubacks = 0;

  constructor(private readonly options: MqttConnectionOptions) {}

  start(): void {
    this.stopping = false;
    this.connect();
  }

  /** Resolves once connected and subscribed. */
  ready(): Promise<void> {
    if (this.subscribed) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Lets the messages being stored finish and acknowledges them, then disconnects (the session stays at the broker). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await Promise.allSettled([...this.inFlight]);
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      this.send({ cmd: 'disconnect', reasonCode: 0 });
      await new Promise<void>((resolve) => socket.end(resolve));
    }
    this.drop();
  }

  private connect(): void {
    const url = new URL(this.options.url);
    const secure = url.protocol === 'mqtts:';
    const port = Number(url.port || (secure ? 8883 : 1883));
    const socket = secure ? connectTls({ host: url.hostname, port, servername: url.hostname }) : connectTcp(port, url.hostname);
    this.socket = socket;
    const parser = mqttPacket.parser(PROTOCOL);
    parser.on('packet', (packet: Packet) => this.receive(packet));
    parser.on('error', (error: Error) => this.fail(`the broker sent a malformed packet: ${error.message}`));
    socket.on(secure ? 'secureConnect' : 'connect', () => {
      this.lastHeard = Date.now();
      this.send({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 5,
        clientId: this.options.clientId,
        clean: false,
        keepalive: this.options.keepaliveSeconds,
        username: this.options.username,
        password: this.options.password === undefined ? undefined : Buffer.from(this.options.password),
        properties: { sessionExpiryInterval: this.options.sessionExpirySeconds, receiveMaximum: 65535 },
      });
    });
    socket.on('data', (data: Buffer) => {
      this.lastHeard = Date.now();
      parser.parse(data);
    });
    socket.on('error', (error) => this.fail(error.message));
    socket.on('close', () => {
      if (this.socket === socket) this.fail('the connection closed');
    });
  }

  private receive(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack': {
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (code !== 0) return this.fail(`the broker refused the connection (reason ${code})`);
        this.failures = 0;
        this.options.logger.info('connected to the MQTT broker', { url: this.options.url, clientId: this.options.clientId, sessionPresent: packet.sessionPresent });
        this.keepAlive();
        this.subscribe();
        return;
      }
      case 'suback':
        for (const code of packet.granted as number[]) {
          if (code >= 0x80) this.options.logger.error('the MQTT broker refused a subscription', { reasonCode: code, messageId: packet.messageId });
        }
        if (--this.awaitedSubacks > 0) return;
        this.subscribed = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      case 'publish':
        return this.publish(packet);
      case 'disconnect':
        return this.fail(`the broker disconnected (reason ${packet.reasonCode ?? 0})`);
      default:
        return;
    }
  }

  // All routes in one SUBSCRIBE would share one identifier; one each lets a
  // message say which routes it matched.
  private subscribe(): void {
    this.subscribed = false;
    this.awaitedSubacks = this.options.subscriptions.length;
    for (const s of this.options.subscriptions) {
      this.send({
        cmd: 'subscribe',
        messageId: this.packetId(),
        subscriptions: [{ topic: s.topicFilter, qos: 1 }],
        properties: { subscriptionIdentifier: s.identifier },
      });
    }
  }

  private publish(packet: mqttPacket.IPublishPacket): void {
    const ids = packet.properties?.subscriptionIdentifier;
    const message: IncomingMessage = {
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      subscriptionIds: ids === undefined ? [] : Array.isArray(ids) ? ids : [ids],
    };
    if (packet.qos === 0) {
      this.track(this.options.onMessage(message).catch(() => undefined));
      return;
    }
    const ack: PendingAck = { messageId: packet.messageId! };
    this.acks.push(ack);
    const socket = this.socket;
    this.track(
      this.options.onMessage(message).then(
        (code) => {
          ack.code = code;
          if (this.socket === socket) this.sendAcks();
        },
        (error: unknown) => {
          if (this.socket === socket) this.fail(`a message could not be stored, so the broker will send it again: ${String(error)}`);
        },
      ),
    );
  }

  /** PUBACKs go out in the order the messages arrived, as far as they are settled, in one write. */
  private sendAcks(): void {
    let settled = 0;
    while (settled < this.acks.length && this.acks[settled].code !== undefined) settled++;
    if (settled === 0 || !this.socket || this.socket.destroyed) return;
    const packets = Buffer.allocUnsafe(settled * 5);
    let at = 0;
    for (const { messageId, code } of this.acks.splice(0, settled)) at += writePuback(packets, at, messageId, code!);
    this.socket.write(packets.subarray(0, at));
  }

  private keepAlive(): void {
    clearInterval(this.pingTimer);
    const intervalMs = (this.options.keepaliveSeconds * 1000) / 2;
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > this.options.keepaliveSeconds * 1500) this.fail('the broker stopped answering');
      else this.send({ cmd: 'pingreq' });
    }, intervalMs);
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private send(packet: Packet): void {
    if (this.socket && !this.socket.destroyed) this.socket.write(mqttPacket.generate(packet, PROTOCOL));
  }

  private packetId(): number {
    const id = this.nextPacketId;
    this.nextPacketId = id === 65535 ? 1 : id + 1;
    return id;
  }

  /** Drops the connection; unless stopping, connects again after a back-off. Unacknowledged messages come again. */
  private fail(reason: string): void {
    if (!this.socket) return;
    this.drop();
    if (this.stopping) return;
    const delay = Math.min(this.options.reconnectMaxMs, this.options.reconnectMinMs * 2 ** Math.min(this.failures, 16));
    const jittered = Math.round(delay * (0.5 + Math.random() / 2));
    this.failures++;
    this.options.logger.warn('MQTT connection lost; connecting again', { reason, retryInMs: jittered });
    this.reconnectTimer = setTimeout(() => this.connect(), jittered);
  }

  private drop(): void {
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.acks = [];
    this.subscribed = false;
    socket?.destroy();
  }
}
