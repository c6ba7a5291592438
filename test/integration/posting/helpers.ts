import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../../db/prisma';
import { LocalDirectoryClearinghouse } from '../../../clearinghouse/local-directory';
import { inboundActivities, ingestUploadedFile } from '../../../activities/inbound';
import type { BillEvent, ClearinghouseActivities } from '../../../workflows/activity-contract';
import { postingFixture } from '../../support/posting-fixtures';
import { testActivityContext } from '../../support/activity-context';

export function activitiesFor(db: Db, now?: () => Date): { acts: ClearinghouseActivities; clearinghouse: LocalDirectoryClearinghouse } {
  const clearinghouse = new LocalDirectoryClearinghouse(mkdtempSync(path.join(tmpdir(), 'posting-ch-')));
  return { acts: inboundActivities(testActivityContext(db, { clearinghouse, ...(now ? { clock: now } : {}) })), clearinghouse };
}

/** Keeps a fixture as an inbound file (as a staff upload would) and processes it. */
export async function processFixture(
  db: Db,
  acts: ClearinghouseActivities,
  name: string,
  content?: Buffer,
): Promise<{ fileId: string; events: BillEvent[] }> {
  const { fileId } = await ingestUploadedFile(db, { name, content: content ?? postingFixture(name), actor: 'test' });
  const { events } = await acts.processInboundFile({ fileId });
  return { fileId, events };
}

/** Words that must never reach an event or an audit detail: the invented patients of the fixtures. */
export const PHI_WORDS = ['QUILLFEATHER', 'ZEPHYRINE', 'MBRZQ99887766', 'NOBODY', 'ZZ1234'];

export function expectNoPhi(value: unknown): void {
  const text = JSON.stringify(value).toUpperCase();
  for (const w of PHI_WORDS) expect(text).not.toContain(w);
}
