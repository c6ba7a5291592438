/**
 * read835's onClaim: the same claims, in the same order, handed over one at a time and not
 * kept; the remittance still balanced against them (a payment that does not add up is still
 * reported).
 */
import { Readable } from 'node:stream';
import { read835, type Claim835, type ClaimContext835 } from '../../../../x12/835';
import { generate835 } from '../../../../bench/835.bench';
import { fixture } from './samples';

async function streamed(
  input: string | Buffer,
): Promise<{ claims: Claim835[]; at: ClaimContext835[]; result: Awaited<ReturnType<typeof read835>> }> {
  const claims: Claim835[] = [];
  const at: ClaimContext835[] = [];
  const result = await read835(Readable.from([input]), {
    onClaim: (claim, context) => {
      claims.push(claim);
      at.push(context);
    },
  });
  return { claims, at, result };
}

describe('read835 with onClaim', () => {
  it.each(['crossover-reversal-plb.835', 'unbalanced.835'])('streams the claims %s holds, as read835 returns them', async (name) => {
    const whole = await read835(fixture(name));
    const { claims, at, result } = await streamed(fixture(name));
    const [kept] = whole.remittances;
    const [r] = result.remittances;
    expect(claims).toEqual(kept?.claims);
    expect(claims.length).toBeGreaterThan(0);
    expect(r?.claims).toEqual([]);
    expect(r?.claimsStreamed).toBe(kept?.claims.length);
    expect({ ...r, claims: undefined, claimsStreamed: undefined }).toEqual({ ...kept, claims: undefined });
    expect(at.every((a) => a.transactionControlNumber === kept?.transactionControlNumber && a.payer === r?.payer)).toBe(true);
    expect(result.envelopeFindings).toEqual(whole.envelopeFindings);
  });

  it('reports a payment that does not add up from the streamed claims', async () => {
    const x12 = generate835(50).replace(/^BPR\*I\*(\d+)/m, (_, total: string) => `BPR*I*${Number(total) + 1}`);
    const { claims, result } = await streamed(x12);
    expect(claims).toHaveLength(50);
    expect(result.remittances[0]?.findings.map((f) => f.code)).toEqual(['PAYMENT_UNBALANCED']);
    expect(result.remittances[0]?.findings).toEqual((await read835(x12)).remittances[0]?.findings);
  });

  it('stops with the error the callback throws', async () => {
    const read = read835(generate835(20), {
      onClaim: (claim) => {
        if (claim.patientControlNumber === 'PCN00000005') throw new Error('enough');
      },
    });
    await expect(read).rejects.toThrow('enough');
  });
});
