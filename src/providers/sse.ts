import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Serialises one SSE event. Multi-line data becomes several data lines. */
export function formatSse(event: string | undefined, data: string): string {
  const head = event ? `event: ${event}\n` : '';
  if (data.indexOf('\n') === -1) return `${head}data: ${data}\n\n`;
  return head + data.split('\n').map((l) => `data: ${l}`).join('\n') + '\n\n';
}

/** Incremental SSE reader over byte chunks (UTF-8 safe across chunk boundaries). */
export class SseReader {
  private readonly decoder = new TextDecoder();
  private readonly parser;
  private pending: EventSourceMessage[] = [];

  constructor() {
    this.parser = createParser({ onEvent: (e) => this.pending.push(e) });
  }

  /** Feeds bytes; returns the events completed by them. */
  push(chunk: Uint8Array): EventSourceMessage[] {
    this.parser.feed(this.decoder.decode(chunk, { stream: true }));
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Ends the input; returns any event completed by the end. */
  end(): EventSourceMessage[] {
    this.parser.feed(this.decoder.decode());
    this.parser.reset({ consume: true });
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
