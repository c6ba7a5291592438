/** Correcting a bill's data (codes, lines, dates) while it is a draft, Ready to Batch or Rejected; only what changed is sent. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { Bill } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { formatCents, parseDollars } from '../../lib/money';

interface LineDraft {
  lineNumber: number;
  procedureCode: string;
  modifiers: string;
  diagnosisPointers: string;
  units: string;
  charge: string;
  dateOfService: string;
}

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

export function CorrectBill({ bill, done }: { bill: Bill; done: () => Promise<void> }) {
  const [diagnoses, setDiagnoses] = useState(bill.diagnosisCodes.join(', '));
  const [lines, setLines] = useState<LineDraft[]>(
    bill.serviceLines.map((l) => ({
      lineNumber: l.lineNumber,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers.join(' '),
      diagnosisPointers: l.diagnosisPointers.join(', '),
      units: String(l.units),
      charge: formatCents(l.chargeCents).replace('$', ''),
      dateOfService: l.dateOfService,
    })),
  );
  const save = useMutation({
    mutationFn: () => {
      const changes = lines.flatMap((d, i) => {
        const old = bill.serviceLines[i];
        if (!old) return [];
        const change: {
          lineNumber: number;
          procedureCode?: string;
          modifiers?: string[];
          diagnosisPointers?: number[];
          units?: number;
          chargeCents?: number;
          dateOfService?: string;
        } = {
          lineNumber: d.lineNumber,
        };
        if (d.procedureCode.trim().toUpperCase() !== old.procedureCode) change.procedureCode = d.procedureCode.trim().toUpperCase();
        if (list(d.modifiers).join(' ') !== old.modifiers.join(' ')) change.modifiers = list(d.modifiers);
        const pointers = list(d.diagnosisPointers).map(Number);
        if (pointers.join(',') !== old.diagnosisPointers.join(',')) change.diagnosisPointers = pointers;
        if (Number(d.units) !== old.units) change.units = Number(d.units);
        const cents = parseDollars(d.charge);
        if (cents !== undefined && cents !== old.chargeCents) change.chargeCents = cents;
        if (d.dateOfService !== old.dateOfService) change.dateOfService = d.dateOfService;
        return Object.keys(change).length > 1 ? [change] : [];
      });
      const codes = list(diagnoses);
      const body = {
        ...(codes.join(',') !== bill.diagnosisCodes.join(',') ? { diagnosisCodes: codes } : {}),
        ...(changes.length > 0 ? { serviceLines: changes } : {}),
      };
      return data(api.PATCH('/bills/{billId}', { params: { path: { billId: bill.id } }, body }));
    },
    onSuccess: done,
  });
  const set = (i: number, field: keyof LineDraft, value: string) => setLines(lines.map((l, j) => (j === i ? { ...l, [field]: value } : l)));
  return (
    <form
      className="correct"
      aria-label="Correct the bill"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        Diagnosis codes (ICD-10, in pointer order)
        <input value={diagnoses} onChange={(e) => setDiagnoses(e.target.value)} />
      </label>
      <table className="list compact">
        <caption>Service lines</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Procedure</th>
            <th scope="col">Modifiers</th>
            <th scope="col">Pointers</th>
            <th scope="col">Units</th>
            <th scope="col">Charge ($)</th>
            <th scope="col">Service date</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.lineNumber}>
              <th scope="row">{l.lineNumber}</th>
              {(['procedureCode', 'modifiers', 'diagnosisPointers', 'units', 'charge', 'dateOfService'] as const).map((field) => (
                <td key={field}>
                  <input
                    aria-label={`Line ${l.lineNumber} ${field === 'diagnosisPointers' ? 'diagnosis pointers' : field === 'procedureCode' ? 'procedure' : field === 'dateOfService' ? 'service date' : field}`}
                    type={field === 'dateOfService' ? 'date' : 'text'}
                    value={l[field]}
                    onChange={(e) => set(i, field, e.target.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save the correction
      </button>
      <ProblemAlert error={save.error} />
    </form>
  );
}
