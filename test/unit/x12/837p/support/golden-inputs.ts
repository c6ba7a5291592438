/**
 * Inputs whose written 837P is kept byte for byte in golden/: the named scenarios, a batch in
 * the shape of the benchmark (many secondary and tertiary claims sharing a billing provider
 * and payers), and bills whose free text tries the cleaning rules (accents, compatibility
 * forms, typographic punctuation, blanks of every kind, delimiters). Any change to what the
 * writer produces for them shows up as a diff of these files.
 */
import type { Batch837PInput, Bill } from '../../../../../x12/837p';
import { batchInput, example, renamed } from './fixtures';
import { scenarios } from './scenarios';

const TEXTS = [
  '  Mc\u00a0Donald\t\tJr ',
  '\uFB01sher \u2013 \u201cThe\u201d Clinic',
  '\u00c9lodie  Fran\u00e7ois-\u00d1u\u00f1ez',
  'O\u2019Neil & Sons, P.C.',
  'Stra\u00dfe \u00d8ster \u0141\u00f3d\u017a',
  '\u2160\u2161 Kings Court \u2116 5',
  '100% Care {East} [Unit] <2>|\\',
  'Hyphen\u2010Dash\u2011Minus\u2212',
  'line\r\nbreak~tilde*star:colon^caret',
  'Z\u0308o\u0308e \u0130stanbul \u0131',
];

function texted(bill: Bill, i: number): Bill {
  const t = (k: number): string => TEXTS[(i + k) % TEXTS.length] ?? 'X';
  const b = renamed(bill, `G${i}`);
  b.patient.lastName = t(0);
  b.patient.firstName = t(1);
  if (b.patient.address) {
    b.patient.address.line1 = t(2).slice(0, 40);
    b.patient.address.city = t(3).slice(0, 25);
  }
  for (const p of b.policies) {
    p.payer.name = t(4).slice(0, 50);
    if (p.subscriber) p.subscriber.lastName = t(5);
    if (!p.groupNumber) p.groupName = t(6).slice(0, 50);
  }
  if (b.renderingProvider && b.renderingProvider.entity !== 'organization') b.renderingProvider.lastOrOrganizationName = t(7);
  return b;
}

/** The benchmark's shape: secondary (partial payment, denial) and tertiary claims, one billing provider. */
function benchShaped(count: number): Bill[] {
  const templates = [example('secondary-partial-payment'), example('secondary-denial'), example('tertiary')];
  const bills: Bill[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    bills.push({ ...structuredClone(template), billId: `bench-${i}`, claimId: `B${String(i).padStart(9, '0')}` });
  }
  return bills;
}

export function goldenInputs(): Record<string, Batch837PInput> {
  const examples = ['primary', 'secondary-partial-payment', 'secondary-denial', 'tertiary'] as const;
  const textBills = Array.from({ length: 20 }, (_, i) => texted(example(examples[i % examples.length]!), i));
  return {
    ...scenarios(),
    'bench-shaped': batchInput(benchShaped(60), { options: { maxClaimsPerTransactionSet: 25, segmentSuffix: '\r\n' } }),
    'free-text': batchInput(textBills, { controlNumbers: { interchange: 7, group: 8, transactionSet: 9 } }),
  };
}
