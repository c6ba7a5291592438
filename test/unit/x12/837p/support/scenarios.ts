/** Named 837P files the tests write; x12valid.test.ts validates each of them with pyx12. */
import type { Batch837PInput, Bill } from '../../../../../x12/837p';
import { batchInput, example, renamed } from './fixtures';

function replacement(): Bill {
  const bill = example('secondary-partial-payment');
  return { ...bill, billId: 'bill-1001-r', claimId: 'SCE1001S-R', frequency: '7', payerClaimControlNumber: 'BCBS20261201777' };
}

function voided(): Bill {
  const bill = example('primary');
  return { ...bill, billId: 'bill-1001-v', claimId: 'SCE1001P-V', frequency: '8', payerClaimControlNumber: 'AET2026111600042' };
}

/** A bill whose names and addresses carry every delimiter and some accents. */
export function dirtyBill(): Bill {
  const bill = example('secondary-denial');
  bill.billId = 'bill-dirty';
  bill.claimId = 'SCE-DIRTY-1';
  bill.patient.lastName = "O'Brien~*:^";
  bill.patient.firstName = 'Zoë*Ann';
  if (bill.patient.address) bill.patient.address.line1 = '12 Main St ~ Apt 3*B:^';
  bill.billingProvider.lastOrOrganizationName = 'Ça Va: Counseling ~ Group*';
  const secondary = bill.policies.find((p) => p.rank === 'secondary');
  if (secondary?.subscriber) secondary.subscriber.lastName = 'Doe^Smith';
  return bill;
}

/** Medicare (MB) as the secondary payer: SBR05 says why it is not primary (12, working aged). */
export function medicareSecondary(): Bill {
  const bill = renamed(example('secondary-partial-payment'), 'MCR');
  const medicare = bill.policies.find((p) => p.rank === 'secondary');
  if (medicare) {
    medicare.claimFilingIndicator = 'MB';
    medicare.insuranceTypeCode = '12';
    medicare.payer = { name: 'Medicare Part B', payerId: '12202' };
  }
  return bill;
}

/** A tertiary claim with Medicare secondary: its 2320 carries SBR05 too. */
export function medicareInTheMiddle(): Bill {
  const bill = renamed(example('tertiary'), 'MCT');
  const medicare = bill.policies.find((p) => p.rank === 'secondary');
  if (medicare) {
    medicare.claimFilingIndicator = 'MB';
    medicare.insuranceTypeCode = '43';
  }
  return bill;
}

/** Names with letters outside ASCII, transliterated (Ø, Ł, ß, Æ). */
export function foreignLetters(): Bill {
  const bill = renamed(example('primary'), 'INT');
  bill.patient.lastName = 'Søndergård-Łukasiewicz';
  bill.patient.firstName = 'Æsa';
  if (bill.patient.address) bill.patient.address.line1 = '12 Straße Ørsted';
  return bill;
}

function mixedBatch(): Bill[] {
  const bills: Bill[] = [];
  for (let i = 0; i < 4; i++) {
    bills.push(renamed(example('primary'), `P${i}`));
    bills.push(renamed(example('secondary-partial-payment'), `S${i}`));
    bills.push(renamed(example('secondary-denial'), `D${i}`));
    bills.push(renamed(example('tertiary'), `T${i}`));
  }
  // A second billing provider in the same file.
  const other = renamed(example('primary'), 'X1');
  other.billingProvider = { ...other.billingProvider, npi: '1581234568', lastOrOrganizationName: 'Harbor Dietitians' };
  bills.splice(3, 0, other);
  return bills;
}

export function scenarios(): Record<string, Batch837PInput> {
  return {
    primary: batchInput([example('primary')]),
    'secondary-partial-payment': batchInput([example('secondary-partial-payment')]),
    'secondary-denial': batchInput([example('secondary-denial')]),
    tertiary: batchInput([example('tertiary')]),
    'replacement-and-void': batchInput([replacement(), voided()], {
      controlNumbers: { interchange: 4202, group: 17, transactionSet: 9001 },
    }),
    'delimiters-in-data': batchInput([dirtyBill()], { mode: 'production' }),
    'medicare-secondary': batchInput([medicareSecondary()]),
    'medicare-in-the-middle': batchInput([medicareInTheMiddle()]),
    'foreign-letters': batchInput([foreignLetters()]),
    'mixed-batch': batchInput(mixedBatch(), { controlNumbers: { interchange: 4203, group: 4203, transactionSet: 1 } }),
    'split-transaction-sets': batchInput(mixedBatch(), {
      controlNumbers: { interchange: 4204, group: 12, transactionSet: 40 },
      options: { maxClaimsPerTransactionSet: 5, segmentSuffix: '\n' },
    }),
  };
}
