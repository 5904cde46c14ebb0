/**
 * The people head office manages for the offices (agents, supervisors, office admins) and
 * the offices each may work at. Every change publishes, in its own transaction and
 * audited, a new full StaffRoster to every office it touches (the offices the person
 * leaves too), so an office signs them in, or stops doing so, with the link down later.
 * Only password verifiers travel, never passwords.
 */
import type { StaffMember, StaffRoster } from '@turnero/contract/hq-link';
import type { CreateStaffBody, PatchStaffBody, StaffDto } from '@turnero/contract/hq';
import { AppError } from '@turnero/domain/errors';
import { hashPassword } from '../../platform/secrets';
import { announce, audit, type Actor, type Published } from '../config/publish';
import type { HqDatabase, Sql } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { insertConfigAudit } from '../store/config-audit-store';
import { insertLinkMessages, takeMessageHeads } from '../store/link-store';
import { officesByCode, officesById } from '../store/offices-store';
import { insertStaff, listStaffRows, lockStaff, replaceStaffOffices, rosterMembers, updateStaff, type StaffRow } from '../store/staff-store';

const toDto = (s: StaffRow): StaffDto => ({
  username: s.username,
  displayName: s.displayName,
  role: s.role,
  active: s.active,
  hasPassword: s.passwordHash !== null,
  offices: s.offices,
});

export async function listStaff(db: HqDatabase): Promise<StaffDto[]> {
  return (await listStaffRows(db.sql)).map(toDto);
}

/** The ids of these office codes; an unknown code is a 400 naming it. */
async function officeIds(sql: Sql, codes: readonly string[]): Promise<number[]> {
  const found = await officesByCode(sql, [...new Set(codes)]);
  const unknown = codes.filter((c) => !found.some((o) => o.code === c));
  if (unknown.length) throw new AppError('validation_failed', `No office ${unknown.join(', ')}`, { unknown });
  return found.map((o) => o.id);
}

/** A new roster message for each office, inside `tx`. */
async function appendRosters(tx: Sql, ids: readonly number[], now: Date): Promise<Published[]> {
  if (ids.length === 0) return [];
  const offices = await officesById(tx, ids);
  const heads = await takeMessageHeads(tx, ids, 'roster_version');
  const members = await rosterMembers(tx, ids);
  const messages = offices.map((o) => {
    const head = heads.get(o.id)!;
    const roster: StaffRoster = { version: head.version, staff: members.get(o.id) ?? [] };
    return { officeId: o.id, seq: head.seq, kind: 'staff', payload: roster };
  });
  await insertLinkMessages(tx, messages, now);
  return offices.map((o) => ({ code: o.code, version: heads.get(o.id)!.version, headSeq: heads.get(o.id)!.seq }));
}

/** What the audit log keeps of a person: never the verifier. */
const audited = toDto;

export async function createStaff(db: HqDatabase, link: LinkNotifier, actor: Actor, body: CreateStaffBody, now: Date): Promise<StaffDto> {
  const ids = await officeIds(db.sql, body.offices);
  const member: StaffMember = {
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    active: true,
    passwordHash: body.password ? await hashPassword(body.password) : null,
  };
  const { row, published } = await db.transaction(async (tx) => {
    if (!(await insertStaff(tx, member, now))) throw new AppError('conflict', `Staff member ${body.username} already exists`);
    await replaceStaffOffices(tx, body.username, ids);
    const row = (await lockStaff(tx, body.username))!;
    const published = await appendRosters(tx, ids, now);
    await insertConfigAudit(tx, [audit(actor, `staff:${body.username}`, 'create', null, audited(row))], now);
    return { row, published };
  });
  announce(link, published);
  return toDto(row);
}

/**
 * Changes a person. Deactivating them, a new password, a new role or fewer offices reach
 * their offices with the next roster; the office ends their open sessions when it applies it.
 */
export async function editStaff(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  username: string,
  changes: PatchStaffBody,
  now: Date,
): Promise<StaffDto> {
  const ids = changes.offices ? await officeIds(db.sql, changes.offices) : null;
  const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
  const { row, published } = await db.transaction(async (tx) => {
    const before = await lockStaff(tx, username);
    if (!before) throw new AppError('not_found', `No staff member ${username}`);
    const beforeIds = await officeIds(tx, before.offices);
    await updateStaff(
      tx,
      {
        username,
        displayName: changes.displayName ?? before.displayName,
        role: changes.role ?? before.role,
        active: changes.active ?? before.active,
        passwordHash: passwordHash ?? before.passwordHash,
      },
      now,
    );
    if (ids) await replaceStaffOffices(tx, username, ids);
    const row = (await lockStaff(tx, username))!;
    const published = await appendRosters(tx, [...new Set([...beforeIds, ...(ids ?? beforeIds)])], now);
    await insertConfigAudit(
      tx,
      [audit(actor, `staff:${username}`, 'edit', audited(before), { ...audited(row), passwordChanged: passwordHash !== undefined })],
      now,
    );
    return { row, published };
  });
  announce(link, published);
  return toDto(row);
}
