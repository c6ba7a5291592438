/**
 * The money model's vocabulary (see test/integration/posting/money-model.test.ts): what a payer
 * says of a claim, the events that happen to a bill, their fast-check arbitraries, and an 835
 * of one claim as a payer writes it.
 */
import fc from 'fast-check';

export const RANKS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
export type RankIndex = 0 | 1 | 2;
export const CHARGE = 20000;

/**
 * What a payer says of a claim: paid, patient responsibility, and how it processed it (in its
 * own rank, denied, or forwarded to the next payer); the rest is a CO-45 write-off.
 */
export interface Said {
  paid: number;
  pr: number;
  how: 'processed' | 'denied' | 'forwarded';
}

/** CLP02 of a payer of this rank: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed and forwarded. */
export function statusOf(s: Said, rank: number): string {
  return s.how === 'denied' ? '4' : s.how === 'forwarded' ? String(19 + rank) : String(1 + rank);
}

export type Event =
  | { kind: 'era'; rank: RankIndex; trace: number; said: Said }
  | { kind: 'eraAgain'; pick: number; reformat: boolean }
  | { kind: 'eob'; rank: RankIndex; said: Said }
  /** Staff key an EOB while an ERA stands already, the bill not having heard of it yet. */
  | { kind: 'eobLate'; rank: RankIndex; said: Said }
  | { kind: 'payerReversal'; rank: RankIndex; trace: number }
  | { kind: 'staffReversal'; rank: RankIndex }
  | { kind: 'resolve'; rank: RankIndex; stands: 'POSTED' | 'ERA' }
  | { kind: 'unmatched'; rank: RankIndex; trace: number; said: Said }
  | { kind: 'match'; pick: number; toRank: RankIndex }
  | { kind: 'undo'; pick: number };

const said: fc.Arbitrary<Said> = fc
  .record({
    paid: fc.integer({ min: 0, max: CHARGE }),
    prShare: fc.integer({ min: 0, max: 100 }),
    how: fc.constantFrom<Said['how']>('processed', 'processed', 'denied', 'forwarded'),
  })
  .map(({ paid, prShare, how }) => {
    const p = how === 'denied' ? 0 : paid;
    return { paid: p, pr: how === 'denied' ? 0 : Math.floor(((CHARGE - p) * prShare) / 100), how };
  });
const rank = fc.constantFrom<RankIndex>(0, 1, 2);
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('era' as const), rank, trace: fc.integer({ min: 0, max: 2 }), said }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('eraAgain' as const), pick: fc.nat(), reformat: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('eob' as const), rank, said }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eobLate' as const), rank, said }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payerReversal' as const), rank, trace: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('staffReversal' as const), rank }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), rank, stands: fc.constantFrom<'POSTED' | 'ERA'>('POSTED', 'ERA') }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unmatched' as const), rank, trace: fc.integer({ min: 0, max: 2 }), said }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('match' as const), pick: fc.nat(), toRank: rank }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }) },
);
export const scenario = fc.record({ payers: fc.constantFrom(1, 2, 3), events: fc.array(event, { minLength: 1, maxLength: 10 }) });

// ---------------------------------------------------------------- an 835 of one claim, as a payer writes it

const dollars = (cents: number): string => (cents / 100).toFixed(2);

export function era835(input: {
  payerCode: string;
  trace: string;
  pcn: string;
  pccn: string;
  status: string;
  said: Omit<Said, 'how'>;
  sign: 1 | -1;
}): string {
  const { said: s, sign } = input;
  const co = CHARGE - s.paid - s.pr;
  const total = sign * s.paid;
  const segments = [
    'ISA*00*          *00*          *ZZ*PAYER          *ZZ*HARBOR         *261201*1200*^*00501*000000001*0*T*:',
    'GS*HP*PAYER*HARBOR*20261201*1200*1*X*005010X221A1',
    'ST*835*0001*005010X221A1',
    total > 0 ? `BPR*I*${dollars(total)}*C*CHK************20261201` : 'BPR*H*0*C*NON************20261201',
    `TRN*1*${input.trace}*1999999999`,
    `N1*PR*PAYER ${input.payerCode}`,
    `REF*2U*${input.payerCode}`,
    'N1*PE*HARBOR COUNSELING*XX*1234567893',
    'LX*1',
    `CLP*${input.pcn}*${input.status}*${dollars(sign * CHARGE)}*${dollars(sign * s.paid)}*${dollars(sign * s.pr)}*12*${input.pccn}`,
    ...(co !== 0 ? [`CAS*CO*45*${dollars(sign * co)}`] : []),
    ...(s.pr !== 0 ? [`CAS*PR*1*${dollars(sign * s.pr)}`] : []),
  ];
  const transaction = segments.length - 2 + 1; // ST through SE
  return [...segments, `SE*${transaction}*0001`, 'GE*1*1', 'IEA*1*000000001'].join('~') + '~';
}

// ---------------------------------------------------------------- the model
