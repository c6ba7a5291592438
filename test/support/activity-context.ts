/** An activity context for tests: the test's database, a local clearinghouse in a temp folder, test X12 settings, the system clock. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type ActivityContext } from '../../activities';
import { LocalDirectoryClearinghouse } from '../../clearinghouse';
import type { Db } from '../../db/prisma';

export const testX12 = { usage: 'test' as const, submitterId: 'SUB1', submitterName: 'TEST SUBMITTER', submitterPhone: '8005550100' };

export function testActivityContext(db: Db, overrides: Partial<ActivityContext> = {}): ActivityContext {
  return {
    db,
    clearinghouse: overrides.clearinghouse ?? new LocalDirectoryClearinghouse(mkdtempSync(path.join(os.tmpdir(), 'scx-ch-'))),
    x12: testX12,
    clock: systemClock,
    escalationTimeScale: 1,
    ...overrides,
  };
}
