/**
 * Readers that never stall or guess: bytes around and inside the interchange, streams that
 * arrive in small pieces, elements far too long (refused after linear work, never echoed
 * whole), codes outside their code list, an interchange repeated. Built on the public samples
 * (read from ../shared/x12-samples, changed in memory).
 */
import { Readable } from 'node:stream';
import { read835 } from '../../../../x12/835';
import { read277CA, read999 } from '../../../../x12/ack';
import { check837P } from '../../../../x12/837p';
import { detectTransaction, MalformedX12Error, readX12 } from '../../../../x12/read';
import { MAX_SEGMENT_LENGTH, type X12Text } from '../../../../x12/read/text';
import { describeSamples, sample } from './samples';

const managedCare = (): string => sample('835', 'lfh-managed-care.835').toString('latin1');
const chunked = (bytes: Buffer, size: number): Readable => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
};

async function refusal(read: Promise<unknown>): Promise<MalformedX12Error> {
  try {
    await read;
  } catch (err) {
    if (err instanceof MalformedX12Error) return err;
    throw err;
  }
  throw new Error('expected a MalformedX12Error');
}

describeSamples('bytes around the interchange', () => {
  it('reads a byte-order mark, blank lines before the ISA, and NUL / Ctrl-Z padding after the IEA like the clean file', async () => {
    const clean = await read835(Buffer.from(managedCare(), 'latin1'));
    const padded = Buffer.concat([
      Buffer.from('\ufeff\r\n\r\n  ', 'utf8'),
      Buffer.from(managedCare(), 'latin1'),
      Buffer.from('\r\n\u0000\u0000\u0000\u001a\u001a', 'latin1'),
    ]);
    const read = await read835(padded);
    expect(read).toEqual(clean);
    expect(read.envelopeFindings).toEqual([]);
  });

  it.each([1, 7, 50, 105])('reads a stream whose chunks have %i bytes (shorter than an ISA)', async (size) => {
    const bytes = Buffer.from(managedCare(), 'latin1');
    expect(await read835(chunked(bytes, size))).toEqual(await read835(bytes));
  });
});

describeSamples('encodings', () => {
  const withName = (name: string, encoding: BufferEncoding) => Buffer.from(managedCare().replace('BUDD', name), encoding);

  it('reads a UTF-8 letter right, with no finding', async () => {
    const read = await read835(withName('BÜDD', 'utf8'));
    expect(read.remittances[0]?.claims[0]?.patient?.lastOrOrganizationName).toBe('BÜDD');
    expect(read.envelopeFindings).toEqual([]);
  });

  it('reads a Latin-1 file right, and says it was not UTF-8', async () => {
    const read = await read835(withName('BÜDD', 'latin1'));
    expect(read.remittances[0]?.claims[0]?.patient?.lastOrOrganizationName).toBe('BÜDD');
    expect(read.envelopeFindings).toEqual([expect.objectContaining({ code: 'NOT_UTF8', severity: 'warning' })]);
    expect(read.envelopeFindings[0]?.message).toMatch(/0xDC at offset \d+/);
  });

  it.each(['utf8', 'latin1'] as const)(
    'reads a letter inside the fixed-width ISA (%s) without shifting the delimiters',
    async (encoding) => {
      const text = managedCare().replace('*30*000000005      *', '*30*MÜLLER         *');
      const read = await read835(Buffer.from(text, encoding));
      expect(read.remittances[0]?.interchange.senderId).toBe('MÜLLER');
      expect(read.remittances[0]?.claims).toHaveLength(2);
      expect(detectTransaction(Buffer.from(text, encoding)).kind).toBe('835');
    },
  );

  it('refuses a file that mixes UTF-8 letters with bytes that are not UTF-8', async () => {
    const text = managedCare();
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, text.indexOf('BUDD')), 'latin1'),
      Buffer.from('BÜDD', 'utf8'),
      Buffer.from(text.slice(text.indexOf('BUDD') + 4).replace('SETTLE', 'SÉTTLE'), 'latin1'),
    ]);
    const err = await refusal(read835(bytes));
    expect(err.code).toBe('ENCODING');
    expect((await refusal(read835(chunked(bytes, 64)))).code).toBe('ENCODING');
  });
});

describeSamples('elements far too long', () => {
  const withClaimCharge = (charge: string) => managedCare().replace('CLP*5554555444*1*800.00*', `CLP*5554555444*1*${charge}*`);

  it('refuses a 100,000-character element after one linear pass, echoing none of it', async () => {
    const text = withClaimCharge('9'.repeat(100_000));
    const stats: { text?: X12Text } = {};
    const err = await refusal(
      readX12(text, {
        loops: { start: 'CLP', name: '2100' },
        transactionSets: ['835'],
        begin: () => ({ segment() {}, loop() {}, end() {} }),
        stats,
      }),
    );
    expect(err.code).toBe('TOO_LONG');
    expect(err.segment).toEqual({ index: 13, id: 'CLP' });
    expect(err.message.length).toBeLessThan(300);
    expect(err.message).not.toContain('9999999999');
    // The work done: every character looked at once at most, never more than the file holds.
    expect(stats.text?.charactersScanned).toBeLessThanOrEqual(text.length);
  }, 20_000);

  it('stops reading a stream soon after a segment outgrows the bound', async () => {
    const bytes = Buffer.from(withClaimCharge('9'.repeat(1_000_000)), 'latin1');
    const stats: { text?: X12Text } = {};
    const err = await refusal(
      readX12(chunked(bytes, 16 * 1024), {
        loops: { start: 'CLP', name: '2100' },
        transactionSets: ['835'],
        begin: () => ({ segment() {}, loop() {}, end() {} }),
        stats,
      }),
    );
    expect(err.code).toBe('TOO_LONG');
    expect(stats.text?.charactersScanned).toBeLessThan(MAX_SEGMENT_LENGTH + 2 * 16 * 1024 + 1000);
  }, 20_000);

  it('refuses an element longer than any X12 element, naming it', async () => {
    const err = await refusal(read835(withClaimCharge('1'.repeat(5000))));
    expect(err.code).toBe('TOO_LONG');
    expect(err.message).toMatch(/^segment 13 \(CLP\): CLP03 is 5000 characters long/);
  });

  it('cuts a bad value short in its message', async () => {
    const err = await refusal(read835(withClaimCharge(`${'1'.repeat(899)}x`)));
    expect(err.code).toBe('BAD_VALUE');
    expect(err.message).toContain('(900 characters)');
    expect(err.message.length).toBeLessThan(200);
  });

  it('the 837P checker reads a 100,000-digit amount in linear time too', () => {
    const x12 = sample('837p', 'lfh-demo.example1.837').toString('latin1');
    const clm = /CLM\*[^*]*\*([^*~]*)/.exec(x12);
    expect(clm).not.toBeNull();
    const report = check837P(x12.replace(`${clm?.[0]}`, `${clm?.[0].slice(0, -(clm?.[1]?.length ?? 0))}${'9'.repeat(100_000)}x`));
    expect(report.ok).toBe(false);
  }, 20_000);
});

describeSamples('codes outside their code list are findings', () => {
  it('an unknown claim status (CLP02) is an error on the claim; an unknown CLP06 and BPR04 are warnings', async () => {
    const text = managedCare()
      .replace('CLP*5554555444*1*', 'CLP*5554555444*7*')
      .replace('CLP*8765432112*1*1200.00*495.00*600.00*12*', 'CLP*8765432112*1*1200.00*495.00*600.00*CI*')
      .replace('BPR*I*945.00*C*ACH*', 'BPR*I*945.00*C*XYZ*');
    const read = await read835(text);
    const [first, second] = read.remittances[0]?.claims ?? [];
    expect(first?.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'UNKNOWN_CODE',
          severity: 'error',
          patientControlNumber: '5554555444',
          message: expect.stringContaining('CLP02 "7"'),
        }),
      ]),
    );
    expect(second?.findings).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CODE', severity: 'warning', message: expect.stringContaining('CLP06 "CI"') }),
    ]);
    expect(read.remittances[0]?.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'UNKNOWN_CODE', message: expect.stringContaining('BPR04 "XYZ"') })]),
    );
  });

  it('999: an unknown segment syntax error code (IK304); 277CA: an unknown status category (STC01-1)', async () => {
    const ack = await read999(sample('999', 'ims-999-rejected.txt').toString('latin1').replace('IK3*NM*17**1~', 'IK3*NM*17**99~'));
    expect(ack.findings).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CODE', severity: 'warning', message: expect.stringContaining('IK304 "99"') }),
    ]);
    const status = await read277CA(sample('277', 'ims-277CA-rejected.txt').toString('latin1').replace('STC*A7|562|85', 'STC*Q7|562|85'));
    expect(status.findings).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CODE', severity: 'error', message: expect.stringContaining('STC01-1 "Q7"') }),
    ]);
    expect(status.transactions[0]?.claims[0]?.decision).toBeUndefined();
  });

  it('the samples as published carry no such finding', async () => {
    expect((await read999(sample('999', 'ims-999-rejected.txt'))).findings).toEqual([]);
    expect((await read277CA(sample('277', 'ims-277CA-rejected.txt'))).findings).toEqual([]);
  });
});

describeSamples('the same interchange twice', () => {
  it('is read, and is a finding at the second ISA', async () => {
    const once = managedCare().trimEnd();
    const read = await read835(`${once}\n${once}`);
    expect(read.remittances).toHaveLength(2);
    expect(read.envelopeFindings).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_INTERCHANGE', severity: 'error', segment: { index: 31, id: 'ISA' } }),
    ]);
  });
});
