import { z } from 'zod';

/** What an audit entry is about; the console's category filter and pill. */
export const auditCategories = [
  'level',
  'unlock',
  'upgrade',
  'compensation',
  'reconciliation',
  'issuance',
  'claim',
  'badge',
  'sign_in',
  'account',
] as const;
export const auditCategorySchema = z.enum(auditCategories);
export type AuditCategory = z.infer<typeof auditCategorySchema>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position after the last entry of a page: its time and id, opaque to the caller. */
export type AuditCursor = { at: string; id: string };

export function encodeAuditCursor(cursor: AuditCursor): string {
  return btoa(`${cursor.at}|${cursor.id}`).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/** Years every database reads the same way; an ISO time outside them is no audit entry's. */
const inDatabaseRange = (iso: string) => {
  const year = new Date(iso).getUTCFullYear();
  return year >= 1970 && year <= 9999;
};
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,6}Z$/;
const CURSOR_ID = /^[a-z]{1,2}:[0-9a-f-]{36}$/;

function decodeAuditCursor(value: string): AuditCursor | undefined {
  try {
    const [at, id, ...rest] = atob(value.replaceAll('-', '+').replaceAll('_', '/')).split('|');
    if (rest.length > 0 || !at || !id || !CURSOR_AT.test(at) || !CURSOR_ID.test(id)) return undefined;
    // A real time (no 30 February), read back the way it was written, within range.
    const second = new Date(`${at.slice(0, 19)}Z`);
    if (Number.isNaN(second.getTime()) || second.toISOString().slice(0, 19) !== at.slice(0, 19))
      return undefined;
    return inDatabaseRange(at) ? { at, id } : undefined;
  } catch {
    return undefined;
  }
}

const isoTime = z.iso
  .datetime({ offset: true })
  .refine(inDatabaseRange, 'Give a date between 1970 and 9999.');

/**
 * Filters of `GET /api/admin/audit` and `/api/admin/audit.csv`. A person (`actor`, `person`) is an
 * email (or part of one) or a user id; `badge` is a badge id or part of its name.
 */
export const auditQuerySchema = z.object({
  /** Comma-separated categories. */
  category: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parsed = z.array(auditCategorySchema).safeParse(s.split(',').map((v) => v.trim()));
      if (!parsed.success)
        ctx.addIssue({ code: 'custom', message: `Categories are ${auditCategories.join(', ')}.` });
      return parsed.data;
    }),
  actor: z.string().trim().max(254).optional(),
  person: z.string().trim().max(254).optional(),
  badge: z.string().trim().max(120).optional(),
  level: z.coerce.number().int().min(1).max(100).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** Free text matched against names, emails, actions and details. */
  q: z.string().trim().max(200).optional(),
  cursor: z
    .string()
    .max(200)
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const cursor = decodeAuditCursor(s);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'Not a cursor this endpoint returned.' });
      return cursor;
    }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** Whether `value` is a uuid (a user or badge id) rather than an email or name fragment. */
export const isUuid = (value: string) => UUID_RE.test(value);

const personSchema = z.object({ id: z.string(), email: z.string().nullable() });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  category: auditCategorySchema,
  /** The stored action, e.g. `level.updated` or `claim.approved`. */
  action: z.string(),
  /** One readable sentence: who did what to whom. */
  summary: z.string(),
  actor: z.object({
    kind: z.enum(['admin', 'user', 'system']),
    id: z.string().nullable(),
    email: z.string().nullable(),
  }),
  person: personSchema.nullable(),
  badge: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  level: z.object({ level: z.number().int(), name: z.string().nullable() }).nullable(),
  issuanceId: z.string().nullable(),
  claimId: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: z.enum(['ok', 'error', 'pending']),
  txSignature: z.string().nullable(),
  error: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
