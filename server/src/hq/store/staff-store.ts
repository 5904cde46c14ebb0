/** People head office manages for the offices, and which offices each may work at. */
import type { StaffMember } from '@turnero/contract/hq-link';
import type { Sql } from '../db';

export interface StaffRow extends StaffMember {
  /** Codes of the offices they may work at. */
  offices: string[];
}

type RawStaff = { username: string; display_name: string; role: string; active: boolean; password_hash: string | null; offices: string[] | null };
const toStaff = (r: RawStaff): StaffRow => ({
  username: r.username,
  displayName: r.display_name,
  role: r.role as StaffRow['role'],
  active: r.active,
  passwordHash: r.password_hash,
  offices: r.offices ?? [],
});

const STAFF_SELECT = `SELECT p.username, p.display_name, p.role, p.active, p.password_hash,
    (SELECT array_agg(o.code ORDER BY o.code) FROM hq_staff_office so JOIN hq_office o ON o.id = so.office_id WHERE so.username = p.username) AS offices
  FROM hq_staff p`;

export async function listStaffRows(sql: Sql): Promise<StaffRow[]> {
  return (await sql.$queryRawUnsafe<RawStaff[]>(`${STAFF_SELECT} ORDER BY p.username`)).map(toStaff);
}

/** One person, their row locked for the transaction. */
export async function lockStaff(tx: Sql, username: string): Promise<StaffRow | null> {
  const rows = await tx.$queryRawUnsafe<RawStaff[]>(`${STAFF_SELECT} WHERE p.username = $1 FOR UPDATE OF p`, username);
  return rows[0] ? toStaff(rows[0]) : null;
}

/** $1..$6 of both writes. */
const staffValues = (s: StaffMember, at: Date) => [s.username, s.displayName, s.role, s.active, s.passwordHash, at.toISOString()];

/** Inserts a person; false when the username is taken. */
export async function insertStaff(tx: Sql, s: StaffMember, at: Date): Promise<boolean> {
  const n = await tx.$executeRawUnsafe(
    `INSERT INTO hq_staff (username, display_name, role, active, password_hash, updated_at) VALUES ($1, $2, $3, $4, $5, $6::timestamp)
     ON CONFLICT (username) DO NOTHING`,
    ...staffValues(s, at),
  );
  return n === 1;
}

export async function updateStaff(tx: Sql, s: StaffMember, at: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE hq_staff SET display_name = $2, role = $3, active = $4, password_hash = $5, updated_at = $6::timestamp WHERE username = $1`,
    ...staffValues(s, at),
  );
}

export async function replaceStaffOffices(tx: Sql, username: string, officeIds: readonly number[]): Promise<void> {
  await tx.$executeRawUnsafe('DELETE FROM hq_staff_office WHERE username = $1', username);
  await tx.$executeRawUnsafe(
    `INSERT INTO hq_staff_office (username, office_id) SELECT $1, value::int FROM json_array_elements_text($2::json)`,
    username,
    JSON.stringify(officeIds),
  );
}

/** Everyone who may work at each of these offices (active or not), by office id. */
export async function rosterMembers(tx: Sql, officeIds: readonly number[]): Promise<Map<number, StaffMember[]>> {
  const rows = await tx.$queryRawUnsafe<(RawStaff & { office_id: number })[]>(
    `SELECT so.office_id, p.username, p.display_name, p.role, p.active, p.password_hash, NULL AS offices
     FROM hq_staff_office so JOIN hq_staff p ON p.username = so.username
     WHERE so.office_id IN (SELECT json_array_elements_text($1::json)::int)
     ORDER BY so.office_id, p.username`,
    JSON.stringify(officeIds),
  );
  const out = new Map<number, StaffMember[]>(officeIds.map((id) => [id, []]));
  for (const r of rows) {
    const { offices: _, ...member } = toStaff(r);
    out.get(r.office_id)!.push(member);
  }
  return out;
}
