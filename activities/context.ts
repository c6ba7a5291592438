/** What the activities need from the outside world, handed in by the worker. */
import type { Db } from '../db/prisma';

export interface ActivityContext {
  db: Db;
}
