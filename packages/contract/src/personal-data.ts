/**
 * A person's rights over their data (Ley 1581 de 2012, art. 8): staff find everything
 * stored about someone by what identifies them, give them a copy (export) and delete it.
 * The same shapes at the office (/api/v1/personal-data/...) and at head office
 * (/api/v1/hq/personal-data/...). Every request leaves an audit entry that names the
 * value only masked.
 */
import { z } from 'zod';
import { Email } from './portal';

export const SUBJECT_KINDS = ['idNumber', 'phone', 'email'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Exactly one of: the ID number (as the kiosk takes it), a phone number, an e-mail. */
export const PersonalDataQuery = z
  .object({
    idNumber: z.string().regex(/^[0-9A-Za-z-]{4,20}$/).optional(),
    phone: z.string().regex(/^\+?[0-9 ()-]{7,20}$/).optional(),
    email: Email.optional(),
  })
  .strict()
  .refine((q) => SUBJECT_KINDS.filter((k) => q[k] !== undefined).length === 1, {
    message: 'Give exactly one of idNumber, phone or email',
  });
export type PersonalDataQuery = z.infer<typeof PersonalDataQuery>;

/** One stored record about the person, with where it is kept. */
export const PersonalDataRecord = z.object({
  /** Table it is stored in. */
  store: z.string(),
  /** The record's key there (the ticket id for an ID number given at the kiosk). */
  key: z.string(),
  /** The values stored, as stored. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type PersonalDataRecord = z.infer<typeof PersonalDataRecord>;

export const PersonalDataFound = z.object({
  /** 'office' (with its code) or 'hq'. */
  holder: z.string(),
  records: z.array(PersonalDataRecord),
  /** Records found per store (head office: events and the portal's tables), so a reader sees at a glance where data is. */
  counts: z.record(z.string(), z.number().int()).optional(),
});
export type PersonalDataFound = z.infer<typeof PersonalDataFound>;

export const PersonalDataExport = PersonalDataFound.extend({
  exportedAt: z.string(),
  /** Why it was kept and for how long, for the person reading the export. */
  purpose: z.string(),
});
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;

export const PersonalDataDeleted = z.object({
  holder: z.string(),
  deleted: z.number().int(),
  /** Records deleted (or redacted) per store. */
  counts: z.record(z.string(), z.number().int()).optional(),
  /** Portal bookings still active that were cancelled (the office told) before being deleted. */
  cancelledBookings: z.number().int().optional(),
});
export type PersonalDataDeleted = z.infer<typeof PersonalDataDeleted>;

export const PERSONAL_DATA_ACTIONS = ['search', 'export', 'delete'] as const;
export type PersonalDataAction = (typeof PERSONAL_DATA_ACTIONS)[number];

export const AuditEntryDto = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.enum(PERSONAL_DATA_ACTIONS),
  subjectKind: z.enum(SUBJECT_KINDS),
  /** The value asked about, masked: never stored in clear. */
  subjectMasked: z.string(),
  records: z.number().int(),
});
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Which identifier a query gives, and its value. */
export function subjectOf(q: PersonalDataQuery): { kind: SubjectKind; value: string } {
  const kind = SUBJECT_KINDS.find((k) => q[k] !== undefined)!;
  return { kind, value: q[kind]! };
}

/**
 * The form an audit entry keeps: the last two characters and the length, so two entries
 * about the same person can be told apart from others by an auditor who knows the value,
 * while the entry alone reveals almost nothing (a plain hash of a 10-digit ID number
 * would be reversed by trying them all).
 */
export function maskSubject(value: string): string {
  const tail = value.length > 6 ? value.slice(-2) : '';
  return '*'.repeat(value.length - tail.length) + tail;
}

/** An audit entry as the servers store it. */
export interface AuditEntryInput {
  at: Date;
  actorId: string;
  actorName: string;
  action: PersonalDataAction;
  subjectKind: SubjectKind;
  subjectMasked: string;
  records: number;
}

/** The entry recording one request: the value it asked about only masked. */
export function auditEntry(
  actor: { id: string; name: string },
  action: PersonalDataAction,
  query: PersonalDataQuery,
  records: number,
  at: Date,
): AuditEntryInput {
  const { kind, value } = subjectOf(query);
  return { at, actorId: actor.id, actorName: actor.name, action, subjectKind: kind, subjectMasked: maskSubject(value), records };
}

/** A stored entry (either role's table) as the API shows it. */
export function auditEntryDto(row: Omit<AuditEntryInput, 'action' | 'subjectKind'> & { id: number; action: string; subjectKind: string }): AuditEntryDto {
  return {
    ...row,
    at: new Date(row.at).toISOString(),
    action: row.action as PersonalDataAction,
    subjectKind: row.subjectKind as SubjectKind,
  };
}
