/**
 * Entities a batch shares (the billing provider, a rendering provider, a payer) are judged
 * once per batch, not once per claim: the issues found for one value are kept with it and
 * given again, under each bill's id, to every bill holding an equal value (compared field by
 * field). Only values made of text and plain objects are kept (anything else is judged every
 * time, so an odd value never borrows another's verdict).
 */
import type { ValidationIssue } from '../errors';
import { Collector } from './collector';

type Found = Omit<ValidationIssue, 'billId'>[];

/** Distinct values kept per kind; past that the oldest is forgotten. */
const KEPT_PER_KIND = 16;

/** One batch's verdicts on shared values. */
export class SharedVerdicts {
  private readonly kept = new Map<string, { value: unknown; found: Found }[]>();

  /** Runs `judge` on a fresh collector the first time a value equal to `value` is seen under `kind`, and replays its issues into `c`. */
  judge(c: Collector, kind: string, value: unknown, judge: (c: Collector) => void): void {
    let list = this.kept.get(kind);
    if (list) {
      for (const entry of list) {
        if (entry.value === value || sameText(entry.value, value)) {
          c.replay(entry.found);
          return;
        }
      }
    }
    if (!isText(value)) {
      judge(c);
      return;
    }
    const fresh = new Collector('');
    judge(fresh);
    const found = fresh.issues.map(({ pointer, rule, message }) => ({ pointer, rule, message }));
    if (!list) this.kept.set(kind, (list = []));
    if (list.length >= KEPT_PER_KIND) list.shift();
    list.push({ value, found });
    c.replay(found);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Made only of strings, undefined, and plain objects of them. */
export function isText(value: unknown): boolean {
  if (value === undefined || typeof value === 'string') return true;
  if (!isPlainObject(value)) return false;
  for (const k in value) if (!isText(value[k])) return false;
  return true;
}

/** Equal, where `kept` is made of text (isText): same strings at the same keys. */
export function sameText(kept: unknown, value: unknown): boolean {
  if (kept === value) return true;
  if (!isPlainObject(kept) || !isPlainObject(value)) return false;
  let keys = 0;
  for (const k in kept) {
    keys++;
    if (!(k in value) || !sameText(kept[k], value[k])) return false;
  }
  for (const k in value) {
    keys--;
    if (keys < 0) return false;
    void k;
  }
  return keys === 0;
}
