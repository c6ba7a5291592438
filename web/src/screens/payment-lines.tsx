/** The EOB form's lines: paid amount and adjustments (group, reason, amount) per line, each with its live balance. */
import { useEffect, useRef } from 'react';
import type { AdjustmentDraft, LineCheck, LineDraft } from '../lib/eob';
import { formatCents } from '../lib/money';
import { ADJUSTMENT_GROUPS } from '../lib/words';

export function BalanceNote({ offByCents, label }: { offByCents: number | undefined; label: string }) {
  if (offByCents === undefined) return <span className="check pending">{label}: amounts to finish</span>;
  if (offByCents === 0) return <span className="check ok">{label} balances</span>;
  return (
    <span className="check bad">
      {label} is off by {formatCents(Math.abs(offByCents))} ({offByCents > 0 ? 'not explained' : 'explained twice'})
    </span>
  );
}

export function AdjustmentRows({
  idPrefix,
  where,
  rows,
  onChange,
  denial,
}: {
  idPrefix: string;
  where: string;
  rows: AdjustmentDraft[];
  onChange: (rows: AdjustmentDraft[]) => void;
  denial: boolean;
}) {
  const lastGroup = useRef<HTMLSelectElement>(null);
  const count = useRef(rows.length);
  useEffect(() => {
    // A row just added gets the focus, so the keyboard goes on where the person is.
    if (rows.length > count.current) lastGroup.current?.focus();
    count.current = rows.length;
  }, [rows.length]);
  const set = (i: number, change: Partial<AdjustmentDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset className="adjustments">
      <legend>Adjustments, {where}</legend>
      {rows.length === 0 ? <p className="muted">None.</p> : null}
      {rows.map((r, i) => (
        <div className="adjustment" key={i}>
          <label>
            Group{' '}
            <span className="visually-hidden">
              of {where} adjustment {i + 1}
            </span>
            <select ref={i === rows.length - 1 ? lastGroup : undefined} value={r.group} onChange={(e) => set(i, { group: e.target.value })}>
              {Object.entries(ADJUSTMENT_GROUPS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason{' '}
            <span className="visually-hidden">
              of {where} adjustment {i + 1}
            </span>
            <input
              id={`${idPrefix}-reason-${i}`}
              list="carc-codes"
              value={r.reason}
              size={6}
              autoComplete="off"
              required
              onChange={(e) => set(i, { reason: e.target.value.toUpperCase() })}
            />
          </label>
          <label>
            Amount ($){' '}
            <span className="visually-hidden">
              of {where} adjustment {i + 1}
            </span>
            <input inputMode="decimal" value={r.amount} size={10} required onChange={(e) => set(i, { amount: e.target.value })} />
          </label>
          <button
            type="button"
            className="small"
            aria-label={`Remove ${where} adjustment ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange([...rows, { group: denial ? 'CO' : 'CO', reason: '', amount: '' }])}>
        Add an adjustment to {where}
      </button>
    </fieldset>
  );
}

export function LineEditor({
  line,
  check,
  denial,
  onChange,
}: {
  line: LineDraft;
  check: LineCheck | undefined;
  denial: boolean;
  onChange: (line: LineDraft) => void;
}) {
  const where = `line ${line.lineNumber}`;
  return (
    <fieldset className="eob-line">
      <legend>
        Line {line.lineNumber}: {line.procedureCode}, charge {formatCents(line.chargeCents)}
      </legend>
      <label>
        Paid ($) <span className="visually-hidden">on {where}</span>
        <input
          inputMode="decimal"
          value={line.paid}
          readOnly={denial}
          aria-readonly={denial}
          size={10}
          required
          onChange={(e) => onChange({ ...line, paid: e.target.value })}
        />
      </label>
      <AdjustmentRows
        idPrefix={`line-${line.lineNumber}`}
        where={where}
        rows={line.adjustments}
        denial={denial}
        onChange={(adjustments) => onChange({ ...line, adjustments })}
      />
      <p aria-live="polite">
        <BalanceNote offByCents={check?.offByCents} label={`Line ${line.lineNumber}`} />
      </p>
    </fieldset>
  );
}

export function CarcList() {
  const codes = [
    ['1', 'deductible'],
    ['2', 'coinsurance'],
    ['3', 'copay'],
    ['16', 'missing information'],
    ['23', 'prior payer adjudication'],
    ['27', 'coverage terminated'],
    ['29', 'timely filing'],
    ['45', 'over the fee schedule'],
    ['96', 'not covered'],
    ['97', 'included in another service'],
    ['204', 'not covered by the plan'],
  ];
  return (
    <datalist id="carc-codes">
      {codes.map(([code, text]) => (
        <option key={code} value={code}>
          {text}
        </option>
      ))}
    </datalist>
  );
}
