/**
 * The upload algorithm when something removes staged files (a clearinghouse that sweeps files it
 * does not know): a staged file swept before its rename is staged again; swept for good, nothing
 * counts as sent; a committed file that is gone counts as sent only when that is proven.
 */
import { DeliveryUnconfirmedError, RemoteFileNotFoundError, StagingSweptError, sha256Hex } from '../../../clearinghouse';
import { RESTAGE_ATTEMPTS, idempotentUpload, type StagingStore } from '../../../clearinghouse/idempotent-upload';

/** Folders in memory; `sweeps` staged files are removed just before their rename. */
class SweptStore implements StagingStore {
  final = new Map<string, Buffer>();
  staged = new Map<string, Buffer>();
  sweeps = 0;
  writes = 0;

  constructor(readonly stagesInInbound: boolean) {}

  async sizeOf(where: 'final' | 'staged', name: string): Promise<number | null> {
    return (where === 'final' ? this.final : this.staged).get(name)?.length ?? null;
  }
  async readBack(where: 'final' | 'staged', name: string): Promise<Buffer | null> {
    return (where === 'final' ? this.final : this.staged).get(name) ?? null;
  }
  async writeStaged(name: string, content: Buffer): Promise<void> {
    this.writes += 1;
    this.staged.set(name, content);
  }
  async commit(staged: string, finalName: string): Promise<void> {
    if (this.sweeps > 0) {
      this.sweeps -= 1;
      this.staged.delete(staged);
    }
    const content = this.staged.get(staged);
    if (!content) throw new RemoteFileNotFoundError(`rename ${staged}: no such file`);
    this.staged.delete(staged);
    this.final.set(finalName, content);
  }
  async removeStaged(name: string): Promise<void> {
    this.staged.delete(name);
  }
}

const file = { name: 'B7_837P_OATEST.txt', content: Buffer.from('ISA*claim file 7') };
const sha256 = sha256Hex(file.content);

/** The caller's record, as sendBatch keeps it in the database. */
function recorder() {
  const r = { state: null as 'committing' | null, notCommitted: 0 };
  return {
    r,
    options: {
      beforeCommit: async () => void (r.state = 'committing'),
      notCommitted: async () => {
        r.state = null;
        r.notCommitted += 1;
      },
    },
  };
}

it('a staged file swept before its rename is staged again and delivered', async () => {
  const store = new SweptStore(true);
  store.sweeps = 1;
  const { options } = recorder();
  const receipt = await idempotentUpload(store, file, options);
  expect(receipt.outcome).toBe('uploaded');
  expect(store.writes).toBe(2);
  expect(store.final.get(file.name)).toEqual(file.content);
});

it('swept every time: StagingSweptError, the commit record is dropped, nothing delivered', async () => {
  const store = new SweptStore(true);
  store.sweeps = RESTAGE_ATTEMPTS;
  const { r, options } = recorder();
  await expect(idempotentUpload(store, file, options)).rejects.toBeInstanceOf(StagingSweptError);
  expect(r).toEqual({ state: null, notCommitted: 1 });
  expect(store.final.size).toBe(0);
  // The retry (no record now) sends it, once the sweeping stops.
  expect((await idempotentUpload(store, file, options)).outcome).toBe('uploaded');
  expect([...store.final.keys()]).toEqual([file.name]);
});

describe('a commit on record, and the file neither staged nor in the inbound folder', () => {
  const previous = { name: file.name, sha256, state: 'committing' as const };

  it('staged in a folder of its own: only the rename took it, so it was delivered', async () => {
    const store = new SweptStore(false);
    expect((await idempotentUpload(store, file, { previous })).outcome).toBe('previously-committed');
    expect(store.writes).toBe(0);
  });

  it('staged in the inbound folder: delivered only if the clearinghouse answered it, else a person must check', async () => {
    const store = new SweptStore(true);
    await expect(idempotentUpload(store, file, { previous })).rejects.toBeInstanceOf(DeliveryUnconfirmedError);
    await expect(idempotentUpload(store, file, { previous, isAnswered: async () => false })).rejects.toBeInstanceOf(
      DeliveryUnconfirmedError,
    );
    expect((await idempotentUpload(store, file, { previous, isAnswered: async () => true })).outcome).toBe('previously-committed');
    expect(store.writes).toBe(0);
  });
});
