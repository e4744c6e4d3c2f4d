// How a batch of channel messages is kept in the database: one blob per
// accepted batch, so that acknowledging 100 messages is one row, not 100.
//
//   version (1 byte, = 1) | count (u32) | per message: id length (u8) | id (ASCII) | payload length (u32) | payload
//
// Message ids are ASCII and at most 128 characters (the model's MessageId),
// so one byte holds their length.

export interface ChannelMessage {
  messageId: string;
  payload: Buffer;
}

const VERSION = 1;

export function encodeBatch(messages: readonly ChannelMessage[]): Buffer {
  let size = 5;
  for (const m of messages) size += 1 + m.messageId.length + 4 + m.payload.length;
  const out = Buffer.allocUnsafe(size);
  out[0] = VERSION;
  out.writeUInt32BE(messages.length, 1);
  let at = 5;
  for (const m of messages) {
    out[at++] = m.messageId.length;
    at += out.write(m.messageId, at, 'latin1');
    out.writeUInt32BE(m.payload.length, at);
    at += 4;
    at += m.payload.copy(out, at);
  }
  return out;
}

/** The messages of a stored batch; payloads are views into `blob`. */
export function decodeBatch(blob: Buffer): ChannelMessage[] {
  if (blob[0] !== VERSION) throw new Error(`Unknown channel batch format version ${blob[0]}`);
  const count = blob.readUInt32BE(1);
  const messages: ChannelMessage[] = new Array(count);
  let at = 5;
  for (let i = 0; i < count; i++) {
    const idLength = blob[at++];
    const messageId = blob.toString('latin1', at, at + idLength);
    at += idLength;
    const payloadLength = blob.readUInt32BE(at);
    at += 4;
    messages[i] = { messageId, payload: blob.subarray(at, at + payloadLength) };
    at += payloadLength;
  }
  return messages;
}
