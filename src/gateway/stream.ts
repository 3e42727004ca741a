import type { EventSourceMessage } from 'eventsource-parser';
import { WardenError } from '../core/errors.js';
import type { Finding, Interaction, Path, ToolCall } from '../core/types.js';
import { formatSse } from '../providers/sse.js';
import { typeMatcher, type StreamScan } from './deps.js';
import type { Exchange } from './exchange.js';
import type { Gateway } from './gateway.js';
import { dropLogprobs, rewriteFields } from './enforce.js';
import { parseStrictJson } from './json.js';
import { getAt, setAt, walkFields, type Field } from './walk.js';

interface Channel {
  /** Segment number of this channel's findings in the completion record. */
  segment: number;
  text: string;
  scanner: StreamScan;
  /** Replacements to apply, sorted by start; each covers [start, end) of the channel text. */
  redactions: Array<{ start: number; end: number; replacement: string }>;
  restorer?: { push(chunk: string): string; end(): string };
  /** The last event that carried this channel, as a template for text a restorer releases at the end. */
  last?: { event?: string; parsed: unknown; path: Path };
}

interface Piece {
  path: Path;
  channel: Channel;
  start: number;
  end: number;
}

interface Pending {
  event?: string;
  data: string;
  /**
   * The event as Warden edits it: `d` its JSON data (or the data text when it is not JSON, e.g.
   * [DONE]), `e` its event name. Paths of pieces and fields start with 'd' or 'e'.
   */
  root: { d: unknown; e?: string };
  json: boolean;
  pieces: Piece[];
  /** Every other string of the event, with the findings in them (segment = index into others). */
  others: Field[];
  otherFindings: Finding[];
  done: boolean;
}

const pathKey = (p: Path) => p.join('\u0000');

/**
 * Enforces policy on a streamed answer as it flows. Every string of every event is inspected:
 * text deltas (content, reasoning, refusals, tool arguments, logprob tokens) per channel and
 * incrementally, so a value split across chunks is found; every other string with its event.
 * Text is held back only while the detector says it could still become part of a finding. Tool
 * calls are assembled at every index and checked whole before release. A block ends the stream
 * with an error event in the API's own format.
 */
export class StreamGuard {
  private readonly channels = new Map<string, Channel>();
  private readonly queue: Pending[] = [];
  private readonly toolCalls = new Map<string, ToolCall & { channel?: Channel }>();
  private nextSegment = 0;
  /** The other strings of events already scanned and found clean (joined), bounded. */
  private readonly clean = new Set<string>();
  private holdAll = false;
  private redactTypes: ((f: Finding) => boolean) | undefined;
  private redactMethod: 'mask' | 'hash' = 'mask';
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

  private channel(key: string): Channel {
    let c = this.channels.get(key);
    if (!c) {
      c = { segment: this.nextSegment++, text: '', scanner: this.gw.deps.inspector.createStreamScanner(), redactions: [] };
      if (this.ex.tokenized) c.restorer = this.gw.deps.redactor.streamRestorer(this.ex.vault);
      this.channels.set(key, c);
    }
    return c;
  }

  /** Takes one upstream event; writes what may be released. */
  onEvent(ev: EventSourceMessage): void | Promise<void> {
    if (this.blocked) return;
    let parsed: unknown;
    try {
      parsed = parseStrictJson(ev.data);
    } catch {
      parsed = undefined;
    }
    const view = this.ex.adapter.streamEvent(ev.event, ev.data, parsed);
    if (view.usage) {
      if (view.usage.input !== undefined) this.ex.tokens.input = view.usage.input;
      if (view.usage.output !== undefined) this.ex.tokens.output = view.usage.output;
    }
    let reconsider = false;
    for (const t of view.toolCalls) {
      this.holdAll = true;
      let call = this.toolCalls.get(t.key);
      if (!call) this.toolCalls.set(t.key, (call = { id: t.id, name: '', arguments: '' }));
      if (t.name && !call.name) {
        call.name = t.name;
        reconsider = true;
      }
    }
    const root = { d: parsed === undefined ? ev.data : parsed, e: ev.event };
    const pending: Pending = { event: ev.event, data: ev.data, root, json: parsed !== undefined, pieces: [], others: [], otherFindings: [], done: view.done === true };
    const found: Finding[] = [];
    const piecePaths = new Set<string>();
    for (const p of view.pieces) {
      const text = getAt(parsed, p.path);
      if (typeof text !== 'string') continue;
      piecePaths.add(pathKey(p.path));
      const c = this.channel(p.channel);
      const path = ['d', ...p.path];
      if (p.toolKey !== undefined) {
        this.holdAll = true;
        let call = this.toolCalls.get(p.toolKey);
        if (!call) this.toolCalls.set(p.toolKey, (call = { name: '', arguments: '' }));
        call.channel = c;
      }
      const start = c.text.length;
      c.text += text;
      c.last = { event: ev.event, parsed, path: p.path };
      pending.pieces.push({ path, channel: c, start, end: c.text.length });
      for (const f of c.scanner.push(text)) {
        f.segment = c.segment;
        found.push(f);
      }
    }
    // Everything else of the event, its name and a data line that is not JSON included.
    for (const f of walkFields(root))
      if (!(f.kind === 'value' && f.path[0] === 'd' && piecePaths.has(pathKey(f.path.slice(1))))) pending.others.push(f);
    const finish = (otherFindings: Finding[]) => {
      if (otherFindings.length) {
        const base = this.nextSegment;
        this.nextSegment += pending.others.length;
        pending.otherFindings = otherFindings;
        for (const f of otherFindings) found.push({ ...f, segment: base + (f.segment ?? 0) });
      }
      if (found.length) {
        this.ex.responseFindings.push(...found);
        reconsider = true;
      }
      if (reconsider) this.reconsider();
      this.queue.push(pending);
      if (view.done) {
        this.sawDone = true;
        this.finalize();
      } else this.release(false);
    };
    // Ids, model names and object types repeat in every chunk: an event whose other strings are
    // exactly those of an earlier event found clean is not scanned again (the same texts in the
    // same order give the same findings, values split across them included).
    if (pending.others.length === 0) return finish([]);
    const texts = pending.others.map((f) => f.text);
    const key = texts.join('\u0000');
    if (this.clean.has(key)) return finish([]);
    const remember = (f: Finding[]): Finding[] => {
      if (f.length === 0 && key.length <= 1024 && this.clean.size < 256) this.clean.add(key);
      return f;
    };
    const scanned = this.gw.deps.inspector.scanSegments(texts);
    if (Array.isArray(scanned)) return finish(remember(scanned));
    return scanned.then((f) => finish(remember(f)));
  }

  private reconsider(): void {
    if (!this.guarding || this.blocked) return;
    const toolCalls: ToolCall[] = [];
    for (const c of this.toolCalls.values()) toolCalls.push({ id: c.id, name: c.name, arguments: c.channel?.text ?? c.arguments });
    const interaction: Interaction = {
      ...this.ex.request!,
      direction: 'response',
      segments: [],
      tools: [],
      toolCalls,
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
      this.redactMethod = d.redact.method === 'hash' ? 'hash' : 'mask';
      this.planRedactions();
    }
  }

  /** Turns findings of redacted types into replacements (answers are masked or hashed, never tokenised). */
  private planRedactions(): void {
    if (!this.redactTypes) return;
    const bySegment = new Map<number, Channel>();
    for (const c of this.channels.values()) bySegment.set(c.segment, c);
    const planned = new Set<string>();
    for (const c of this.channels.values()) for (const r of c.redactions) planned.add(`${c.segment}:${r.start}:${r.end}`);
    for (const f of this.ex.responseFindings) {
      const c = bySegment.get(f.segment ?? -1);
      if (!c || planned.has(`${c.segment}:${f.start}:${f.end}`) || !this.redactTypes(f)) continue;
      planned.add(`${c.segment}:${f.start}:${f.end}`);
      const value = c.text.slice(f.start, f.end);
      const replacement = this.gw.deps.redactor.redact(value, [{ ...f, start: 0, end: value.length }], this.redactMethod, undefined);
      c.redactions.push({ start: f.start, end: f.end, replacement });
      c.redactions.sort((a, b) => a.start - b.start);
    }
  }

  /** Output text for [start, end) of a channel after redactions. */
  private outputText(c: Channel, start: number, end: number): string {
    if (c.redactions.length === 0) return c.text.slice(start, end);
    let out = '';
    let pos = start;
    for (const r of c.redactions) {
      if (r.end <= pos) continue;
      if (r.start >= end) break;
      if (r.start >= pos) out += c.text.slice(pos, r.start) + r.replacement;
      pos = Math.min(Math.max(pos, r.end), end);
    }
    if (pos < end) out += c.text.slice(pos, end);
    return out;
  }

  /** Writes queued events from the head while they are safe (or all, at the end). */
  private release(all: boolean): void {
    while (this.queue.length > 0 && !this.blocked) {
      const p = this.queue[0];
      if (!all && this.guarding) {
        if (this.holdAll) return;
        for (const piece of p.pieces) if (piece.channel.scanner.safeOffset < piece.end) return;
      }
      this.queue.shift();
      this.emit(p);
    }
  }

  /** Writes one event as the client may see it: redacted, placeholders restored, token data dropped where text changed. */
  private emit(p: Pending): void {
    if (p.done) this.flushRestorers();
    const r = { findings: p.otherFindings, wanted: this.redactTypes, method: this.redactMethod, vault: this.ex.vault, restore: this.ex.tokenized };
    const changedPieces: Path[] = [];
    for (const piece of p.pieces) {
      const c = piece.channel;
      let text = this.outputText(c, piece.start, piece.end);
      if (c.restorer) text = c.restorer.push(text);
      this.ex.deliveredChars += text.length;
      if (text !== c.text.slice(piece.start, piece.end)) {
        setAt(p.root, piece.path, text);
        changedPieces.push(piece.path);
      }
    }
    const changedOthers = rewriteFields(p.root, p.others, r, this.gw.deps.redactor);
    if (changedPieces.length) dropLogprobs(p.root, changedPieces);
    if (changedPieces.length === 0 && changedOthers.length === 0) this.write(formatSse(p.event, p.data));
    else {
      // An event name that carried a finding is masked like any other string.
      const data = p.json ? JSON.stringify(p.root.d) : String(p.root.d);
      this.write(formatSse(p.root.e, data));
    }
  }

  /** Text a restorer still holds goes out before the terminal event, in a copy of the channel's last event. */
  private flushRestorers(): void {
    for (const c of this.channels.values()) {
      if (!c.restorer || !c.last) continue;
      const rest = c.restorer.end();
      if (!rest) continue;
      const copy = structuredClone(c.last.parsed);
      setAt(copy, c.last.path, rest);
      this.write(formatSse(c.last.event, JSON.stringify(copy)));
      this.ex.deliveredChars += rest.length;
    }
  }

  /** End of the supplier's answer (terminal event or end of body): last findings, whole tool calls, then release all. */
  finalize(): void {
    if (this.blocked) return;
    let found = false;
    for (const c of this.channels.values()) {
      const last = c.scanner.end();
      if (last.length) {
        for (const f of last) f.segment = c.segment;
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
