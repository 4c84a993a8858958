import { type Finding, withoutOverlaps } from './finding.js';
import { type RedactStyle, redact, restore, type Vault } from './redact.js';
import { type CompiledRule, judge, type RuleVerdict } from './rules.js';

/** What a stream guard decided about the text it was given. */
export type StreamStep =
  | { ok: true; release: string; verdicts: RuleVerdict[] }
  | { ok: false; verdict: RuleVerdict };

/** Characters held back at the end of a stream so a value being written is seen whole before it is sent. */
const holdChars = 64;
/** New characters gathered before the window is checked again: checking every token would cost ~8x more. */
const checkEvery = 32;

/**
 * Checks a streamed answer on a sliding window: each piece is checked together with the last `window`
 * characters already sent, so a secret split across chunks is still caught. Text is checked once
 * `checkEvery` new characters have gathered and released with a short delay (`holdChars`, and never in
 * the middle of a finding); redacting rules rewrite it, and a
 * vault's placeholders are put back. A blocking rule stops the stream before the value is released.
 */
export class StreamGuard {
  private sent = '';
  private pending = '';

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly window: number,
    private readonly vault: Vault | undefined,
  ) {}

  /** Adds a piece of the answer; returns what may be sent now. */
  push(text: string): StreamStep {
    this.pending += text;
    if (this.pending.length < holdChars + checkEvery) return { ok: true, release: '', verdicts: [] };
    return this.step(false);
  }

  /** The stream ended: returns the rest. */
  finish(): StreamStep {
    return this.step(true);
  }

  private step(final: boolean): StreamStep {
    if (this.pending === '') return { ok: true, release: '', verdicts: [] };
    const text = this.sent + this.pending;
    const offset = this.sent.length;
    const verdicts: RuleVerdict[] = [];
    const rewrites: Array<Finding & { style: RedactStyle }> = [];
    for (const rule of this.rules) {
      const verdict = judge(rule, text);
      if (!verdict) continue;
      // Findings wholly inside text already sent were dealt with when it was.
      const fresh = verdict.findings
        .filter((finding) => finding.end > offset)
        .map((finding) => ({
          ...finding,
          start: Math.max(0, finding.start - offset),
          end: finding.end - offset,
        }));
      if (fresh.length === 0) continue;
      const current = { ...verdict, findings: fresh };
      if (rule.action === 'block') return { ok: false, verdict: current };
      verdicts.push(current);
      const style: RedactStyle = rule.action === 'mask' ? 'mask' : 'replace';
      if (rule.action !== 'flag') rewrites.push(...fresh.map((finding) => ({ ...finding, style })));
    }
    let cut = final ? this.pending.length : Math.max(0, this.pending.length - holdChars);
    const rewritten = withoutOverlaps(rewrites);
    // Nothing is sent from the middle of a value, which may still be growing.
    for (let moved = true; moved; ) {
      moved = false;
      for (const finding of rewritten)
        if (finding.start < cut && finding.end > cut) {
          cut = finding.start;
          moved = true;
        }
    }
    if (!final && this.vault && this.vault.size > 0) {
      // A placeholder being written (`[EMAIL_ADDR`) waits for its closing bracket.
      const open = this.pending.lastIndexOf('[', cut);
      if (open >= 0 && open > cut - 40 && !this.pending.slice(open, cut).includes(']')) cut = open;
    }
    const raw = this.pending.slice(0, cut);
    const inside = rewritten.filter((finding) => finding.end <= cut);
    let release = inside.length === 0 ? raw : redact(raw, inside, (finding) => finding.style);
    if (this.vault) release = restore(release, this.vault);
    this.pending = this.pending.slice(cut);
    this.sent = (this.sent + raw).slice(-this.window);
    return { ok: true, release, verdicts };
  }
}
