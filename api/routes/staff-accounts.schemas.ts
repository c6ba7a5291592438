import { z } from 'zod';
import type { Db } from '../../db/prisma';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../problem';
import { id, pageQuery } from './common.schemas';

const role = z.enum(['BILLING', 'ADMIN']);
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an e-mail address' }).max(254));

export const createStaffBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    email,
    role: role.describe('BILLING works bills; ADMIN sets up practices, payers and staff (and sees no patient data)'),
    allPractices: z.boolean().optional().describe('Every practice, present and future (default false)'),
    practiceIds: z.array(id).max(500).optional().describe('The practices the account may see, when not all'),
    password: z.string().max(1000).describe('At least 12 characters; the person can change it after signing in'),
  })
  .strict();

export const updateStaffBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    email: email.optional(),
    role: role.optional(),
    allPractices: z.boolean().optional(),
    practiceIds: z.array(id).max(500).optional(),
    password: z.string().max(1000).optional().describe("A new password set by an administrator: the account's sessions end"),
    disabled: z.boolean().optional().describe('A disabled account cannot sign in; its sessions end'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'say what to change' });

export const staffParams = z.object({ staffId: id }).strict();
export const listStaffQuery = z.object({ ...pageQuery }).strict();

const practiceRef = z.object({ id: z.string(), name: z.string() });

export const staffMeOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role,
  allPractices: z.boolean(),
  practices: z.array(practiceRef).describe('The practices the account has access to (all of them when allPractices)'),
});

export const staffOut = staffMeOut.extend({
  disabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('Locked after failed sign-ins until then'),
  failedSignIns: z.number().int(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});

export const staffInclude = {
  practices: { include: { practice: { select: { id: true, name: true } } } },
} satisfies Prisma.StaffAccountInclude;
export type StaffRow = Prisma.StaffAccountGetPayload<{ include: typeof staffInclude }>;

export async function loadStaff(db: Db, staffId: string): Promise<StaffRow> {
  const staff = await db.staffAccount.findUnique({ where: { id: staffId }, include: staffInclude });
  if (!staff) throw notFound('staff account', staffId);
  return staff;
}

export function staffMeView(s: StaffRow) {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    allPractices: s.allPractices,
    practices: s.practices.map((p) => p.practice).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function staffView(s: StaffRow) {
  const locked = s.lockedUntil && s.lockedUntil.getTime() > Date.now() ? s.lockedUntil.toISOString() : null;
  return {
    ...staffMeView(s),
    disabled: s.disabledAt !== null,
    lockedUntil: locked,
    failedSignIns: s.failedSignIns,
    lastSignInAt: s.lastSignInAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}
