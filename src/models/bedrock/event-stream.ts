import type { EventStreamCodec, MessageHeaders } from '@smithy/eventstream-codec';

/** One message of an `application/vnd.amazon.eventstream` body: an event, or an exception AWS reported. */
export type StreamMessage =
  | { kind: 'event'; type: string; payload: unknown }
  | { kind: 'exception'; type: string; message: string };

/** Splits and decodes event-stream bytes as they arrive, however the network cut them. */
export interface EventStreamDecoder {
  /** Adds bytes and returns every message now complete, in order. */
  push(bytes: Uint8Array): StreamMessage[];
  /** True when bytes of an unfinished message are still buffered. */
  hasPartialMessage(): boolean;
}

/** Thrown for bytes that are not a well-formed event stream (bad checksum, bad length, non-JSON payload). */
export class EventStreamFormatError extends Error {
  override readonly name = 'EventStreamFormatError';
}

// The prelude is the total length (4 bytes), the headers length (4) and a checksum (4); the message
// ends with a checksum of its own (4), so nothing shorter can be a message.
const preludeLength = 12;
const minimumMessageLength = 16;

const utf8 = new TextDecoder();

/** Creates a decoder for one event-stream body. */
export async function createEventStreamDecoder(): Promise<EventStreamDecoder> {
  // Loaded on the first Bedrock stream: the AWS SDK's codec pulls in several MB a gateway without Bedrock never needs.
  const { EventStreamCodec } = await import('@smithy/eventstream-codec');
  const codec = new EventStreamCodec(
    (bytes) => utf8.decode(bytes),
    (text) => Buffer.from(text, 'utf8'),
  );
  let buffer: Uint8Array = new Uint8Array(0);
  return {
    push(bytes) {
      buffer = buffer.length === 0 ? bytes : concat(buffer, bytes);
      const messages: StreamMessage[] = [];
      while (buffer.length >= preludeLength) {
        const totalLength = new DataView(buffer.buffer, buffer.byteOffset, 4).getUint32(0);
        if (totalLength < minimumMessageLength) {
          throw new EventStreamFormatError(`a message claims ${totalLength} bytes`);
        }
        if (buffer.length < totalLength) break;
        messages.push(decodeMessage(codec, buffer.subarray(0, totalLength)));
        buffer = buffer.subarray(totalLength);
      }
      return messages;
    },
    hasPartialMessage: () => buffer.length > 0,
  };
}

function decodeMessage(codec: EventStreamCodec, bytes: Uint8Array): StreamMessage {
  let decoded: { headers: MessageHeaders; body: Uint8Array };
  try {
    decoded = codec.decode(bytes);
  } catch (error) {
    throw new EventStreamFormatError(`a message does not decode: ${String(error)}`, { cause: error });
  }
  const messageType = stringHeader(decoded.headers, ':message-type') ?? 'event';
  const payload = parsePayload(decoded.body);
  if (messageType === 'exception' || messageType === 'error') {
    const type =
      stringHeader(decoded.headers, ':exception-type') ??
      stringHeader(decoded.headers, ':error-code') ??
      'unknownException';
    return { kind: 'exception', type, message: messageOf(payload, decoded.headers) };
  }
  return { kind: 'event', type: stringHeader(decoded.headers, ':event-type') ?? '', payload };
}

function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

function parsePayload(body: Uint8Array): unknown {
  if (body.length === 0) return {};
  const text = utf8.decode(body);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EventStreamFormatError(`a payload is not JSON (${text.slice(0, 80)})`, { cause: error });
  }
}

function messageOf(payload: unknown, headers: MessageHeaders): string {
  if (typeof payload === 'object' && payload !== null) {
    const fields: Record<string, unknown> = { ...payload };
    const message = fields.message ?? fields.Message;
    if (typeof message === 'string') return message;
  }
  return stringHeader(headers, ':error-message') ?? '';
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
