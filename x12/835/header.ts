import { MalformedX12Error } from '../read/errors';
import { amount, required } from '../read/fields';
import { dateOrFinding } from './dates';
import { el, ref, type Segment } from '../read/segment';
import { coded, CREDIT_DEBIT, HANDLING, inTable, PAYMENT_METHOD, unknownCodeFinding } from './codes';
import type { Finding835, Payee835, Payer835, Payment835 } from './types';

/** BPR -> the payment, before TRN adds its trace number. */
export function readBpr(bpr: Segment, sink: { findings: Finding835[]; stIndex: number }): Omit<Payment835, 'traceNumber'> {
  const creditDebit = el(bpr, 3);
  const total = amount(bpr, 2, 'total actual provider payment amount');
  const payment: Omit<Payment835, 'traceNumber'> = {
    handling: coded(HANDLING, required(bpr, 1, 'transaction handling code')),
    totalPaidCents: creditDebit === 'D' ? -total : total,
    creditDebit,
    method: coded(PAYMENT_METHOD, required(bpr, 4, 'payment method code')),
  };
  if (el(bpr, 5) !== '') payment.paymentFormat = el(bpr, 5);
  unknownCodeFinding(bpr, 1, inTable(HANDLING), 'a transaction handling code', sink);
  unknownCodeFinding(bpr, 3, inTable(CREDIT_DEBIT), 'a credit or debit flag (C or D)', sink);
  unknownCodeFinding(bpr, 4, inTable(PAYMENT_METHOD), 'a payment method code', sink);
  const date = dateOrFinding(bpr, 16, 'check issue or EFT effective date', sink);
  if (date) payment.date = date;
  return payment;
}

/** TRN (reassociation trace number) -> its payment fields. */
export function readTrn(trn: Segment): Pick<Payment835, 'traceNumber' | 'originatingCompanyId' | 'originatingCompanySupplementalCode'> {
  const out: Pick<Payment835, 'traceNumber' | 'originatingCompanyId' | 'originatingCompanySupplementalCode'> = {
    traceNumber: required(trn, 2, 'check or EFT trace number'),
  };
  if (el(trn, 3) !== '') out.originatingCompanyId = el(trn, 3);
  if (el(trn, 4) !== '') out.originatingCompanySupplementalCode = el(trn, 4);
  return out;
}

/** N1 -> payer or payee; references are added as REF segments follow. */
export function readN1(n1: Segment): Payer835 | Payee835 {
  const party: Payer835 = { name: el(n1, 2), references: [] };
  if (el(n1, 4) !== '') party.id = { qualifier: el(n1, 3), value: el(n1, 4) };
  if (party.name === '' && !party.id) {
    throw new MalformedX12Error('BAD_VALUE', `N1*${el(n1, 1)} has neither a name (N102) nor an identifier (N104)`, ref(n1));
  }
  return party;
}
