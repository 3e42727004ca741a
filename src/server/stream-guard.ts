import type { EventSourceMessage } from 'eventsource-parser';
import { WardenError } from '../core/errors.js';
import type { Finding, Interaction, ToolCall } from '../core/types.js';
import { formatSse } from '../providers/sse.js';
import { typeMatcher, type StreamScan } from './deps.js';
import type { Exchange } from './exchange.js';
import type { Gateway } from './gateway.js';

interface Channel {
  text: string;
  scanner: StreamScan;
  /** Replacements to apply, sorted by start; each covers [start, end) of the channel text. */
  redactions: Array<{ start: number; end: number; replacement: string }>;
  restorer?: { push(chunk: string): string; end(): string };
  /** The last text event's data, as a template for text that a restorer releases at the end. */
  lastEvent?: { event?: string; data: string };
}

interface Pending {
  event?: string;
  data: string;
  /** Text events: the channel and the range of its text the event carries. */
  channel?: number;
  start: number;
  end: number;
  done: boolean;
}

/**
 * Enforces policy on a streamed response as it flows. Text is held back until the detector says
 * no finding can still start before it (the hold-back window), so a forbidden span never reaches
 * the client even when split across chunks. Tool calls are held until the stream ends and checked
 * whole. A block ends the stream with an error event in the API's own format.
 */
export class StreamGuard {
  private readonly channels = new Map<number, Channel>();
  private readonly queue: Pending[] = [];
  private readonly toolCalls = new Map<number, ToolCall>();
  private holdAll = false;
  private redactTypes: ((f: Finding) => boolean) | undefined;
  private redactMethod: 'mask' | 'hash' | 'tokenize' = 'mask';
  blocked: WardenError | undefined;
  sawDone = false;
  /** False when no policy rule looks at responses: events then pass at once (still scanned and recorded). */
  private readonly guarding: boolean;

  constructor(
    private readonly gw: Gateway,
    private readonly ex: Exchange,
    private readonly write: (s: string) => void,
  ) {
    this.guarding = gw.deps.decider.guardsResponses?.() ?? true;
  }

  private channel(n: number): Channel {
    let c = this.channels.get(n);
    if (!c) {
      c = { text: '', scanner: this.gw.deps.inspector.createStreamScanner(), redactions: [] };
      if (this.ex.tokenized) c.restorer = this.gw.deps.redactor.streamRestorer(this.ex.vault);
      this.channels.set(n, c);
    }
    return c;
  }

  /** Takes one upstream event; writes what may be released. */
  onEvent(ev: EventSourceMessage): void {
    if (this.blocked) return;
    let delta;
    try {
      delta = this.ex.adapter.parseStreamEvent(ev.event, ev.data);
    } catch {
      delta = null;
    }
    if (delta?.usage) {
      if (delta.usage.input !== undefined) this.ex.tokens.input = delta.usage.input;
      if (delta.usage.output !== undefined) this.ex.tokens.output = delta.usage.output;
    }
    if (delta?.toolCall) {
      this.holdAll = true;
      const tc = delta.toolCall;
      let call = this.toolCalls.get(tc.index);
      if (!call) this.toolCalls.set(tc.index, (call = { id: tc.id, name: '', arguments: '' }));
      if (tc.name) call.name += tc.name;
      if (tc.argumentsDelta) call.arguments += tc.argumentsDelta;
    }
    if (delta?.text) {
      const n = delta.channel ?? 0;
      const c = this.channel(n);
      const start = c.text.length;
      c.text += delta.text;
      c.lastEvent = { event: ev.event, data: ev.data };
      this.queue.push({ event: ev.event, data: ev.data, channel: n, start, end: c.text.length, done: false });
      const found = c.scanner.push(delta.text);
      if (found.length) this.onFindings(n, found);
    } else {
      this.queue.push({ event: ev.event, data: ev.data, start: 0, end: 0, done: delta?.done === true });
    }
    if (delta?.done) {
      this.sawDone = true;
      this.finalize();
      return;
    }
    this.release(false);
  }

  /** New findings on a channel: decide again over all response findings so far. */
  private onFindings(channel: number, found: Finding[]): void {
    for (const f of found) f.segment = channel;
    this.ex.responseFindings.push(...found);
    this.reconsider();
  }

  private reconsider(): void {
    if (!this.guarding) return;
    const interaction: Interaction = {
      ...this.ex.request!,
      direction: 'response',
      segments: [],
      tools: [],
      toolCalls: [...this.toolCalls.values()],
      messageCount: this.channels.size,
    };
    const d = this.gw.decide(this.ex, 'response', interaction, this.ex.responseFindings);
    this.ex.responseDecision = d;
    if (d.action === 'block' || d.action === 'hold') {
      this.blocked = new WardenError('WARDEN_RESPONSE_BLOCKED', d.message ?? undefined);
      return;
    }
    if (d.redact) {
      this.redactTypes = typeMatcher(d.redact.types);
      this.redactMethod = d.redact.method;
      this.planRedactions();
    }
  }

  /** Turns findings of redacted types into replacements (responses are masked or hashed, never tokenised). */
  private planRedactions(): void {
    if (!this.redactTypes) return;
    const method = this.redactMethod === 'tokenize' ? 'mask' : this.redactMethod;
    for (const [n, c] of this.channels) {
      const planned = new Set(c.redactions.map((r) => `${r.start}:${r.end}`));
      for (const f of this.ex.responseFindings) {
        if ((f.segment ?? 0) !== n || planned.has(`${f.start}:${f.end}`)) continue;
        if (!this.redactTypes(f)) continue;
        const value = c.text.slice(f.start, f.end);
        const replacement = this.gw.deps.redactor.redact(value, [{ ...f, start: 0, end: value.length }], method, undefined);
        c.redactions.push({ start: f.start, end: f.end, replacement });
      }
      c.redactions.sort((a, b) => a.start - b.start);
    }
  }

  /** Output text for [start, end) of a channel after redactions. */
  private outputText(c: Channel, start: number, end: number): string {
    if (c.redactions.length === 0) return c.text.slice(start, end);
    let out = '';
    let pos = start;
    for (const r of c.redactions) {
      if (r.end <= pos || r.start >= end) {
        if (r.start >= end) break;
        continue;
      }
      if (r.start >= pos) {
        out += c.text.slice(pos, r.start) + r.replacement;
      }
      pos = Math.min(Math.max(pos, r.end), end);
    }
    if (pos < end) out += c.text.slice(pos, end);
    return out;
  }

  /** Writes queued events from the head while they are safe (or all, at the end). */
  private release(all: boolean): void {
    if (this.blocked) return;
    while (this.queue.length > 0) {
      const p = this.queue[0];
      if (!all && this.guarding) {
        if (this.holdAll) return;
        if (p.channel !== undefined && this.channels.get(p.channel)!.scanner.safeOffset < p.end) return;
      }
      this.queue.shift();
      if (p.channel === undefined) {
        if (p.done) this.flushRestorers();
        this.write(formatSse(p.event, this.summary(p.event, p.data)));
        continue;
      }
      const c = this.channels.get(p.channel)!;
      let text = this.outputText(c, p.start, p.end);
      if (c.restorer) text = c.restorer.push(text);
      const original = c.text.slice(p.start, p.end);
      if (text === original) this.write(formatSse(p.event, p.data));
      else if (text.length > 0) this.write(formatSse(p.event, this.ex.adapter.rewriteStreamText(p.data, text)));
      this.ex.deliveredChars += text.length;
    }
  }

  /**
   * Summary events that repeat the whole text (Responses API) must carry what the client was
   * given, not what the supplier wrote: the redacted text with placeholders restored.
   */
  private summary(event: string | undefined, data: string): string {
    const rewrite = this.ex.adapter.rewriteStreamSummary;
    if (!rewrite) return data;
    let changed = false;
    for (const c of this.channels.values()) if (c.redactions.length || c.restorer) changed = true;
    if (!changed) return data;
    const textOf = (n: number) => {
      const c = this.channels.get(n);
      if (!c) return undefined;
      const out = this.outputText(c, 0, c.text.length);
      return this.ex.tokenized ? this.gw.deps.redactor.restore(out, this.ex.vault) : out;
    };
    return rewrite(event, data, textOf) ?? data;
  }

  /** Text a restorer still holds goes out before the terminal event. */
  private flushRestorers(): void {
    for (const c of this.channels.values()) {
      if (!c.restorer || !c.lastEvent) continue;
      const rest = c.restorer.end();
      if (rest) {
        this.write(formatSse(c.lastEvent.event, this.ex.adapter.rewriteStreamText(c.lastEvent.data, rest)));
        this.ex.deliveredChars += rest.length;
      }
    }
  }

  /** End of the supplier's answer (terminal event or end of body): last findings, tool calls, then release all. */
  finalize(): void {
    if (this.blocked) return;
    let found = false;
    for (const [n, c] of this.channels) {
      const last = c.scanner.end();
      if (last.length) {
        for (const f of last) f.segment = n;
        this.ex.responseFindings.push(...last);
        found = true;
      }
    }
    if (found || this.toolCalls.size > 0) this.reconsider();
    this.holdAll = false;
    this.release(true);
  }

  /** Stops the stream for a reason outside the answer (kill switch). */
  abort(err: WardenError): void {
    this.blocked ??= err;
  }
}
