/**
 * What a staff roster from head office changes at this office, decided without touching
 * the database. The roster is the full list of head-office-managed people who may work
 * here: each is created or updated; one the office has from head office that is missing
 * or inactive is deactivated (the applier ends their sessions at once). Users created on
 * the office's admin pages are never touched: a roster member whose username a local user
 * already has is skipped and named in the result, and the rest of the roster still
 * applies (a deactivation must never wait behind one clash).
 */
import type { StaffMember, StaffRoster } from '@turnero/contract/hq-link';
import type { UserRole } from '@turnero/domain/types';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  passwordHash: string;
  managedBy: string;
}

export interface StaffFields {
  username: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  passwordHash: string;
}

export interface StaffPlan {
  version: number;
  creates: StaffFields[];
  /** `endSessions`: deactivated, or role or password changed (as the admin pages do). */
  updates: { before: StaffUser; after: StaffFields; endSessions: boolean }[];
  /** Usernames skipped because a local user has them. */
  skipped: string[];
}

/** Stored for a person who signs in only through single sign-on: no password verifies against it. */
export const NO_PASSWORD = '!sso-only';

function fieldsOf(m: StaffMember): StaffFields {
  return { username: m.username, displayName: m.displayName, role: m.role, active: m.active, passwordHash: m.passwordHash ?? NO_PASSWORD };
}

const STAFF_KEYS = ['displayName', 'role', 'active', 'passwordHash'] as const;

export function planStaff(roster: StaffRoster, users: StaffUser[]): StaffPlan {
  const byName = new Map(users.map((u) => [u.username, u]));
  const plan: StaffPlan = { version: roster.version, creates: [], updates: [], skipped: [] };
  const listed = new Set<string>();
  for (const member of roster.staff) {
    listed.add(member.username);
    const after = fieldsOf(member);
    const user = byName.get(member.username);
    if (!user) {
      if (member.active) plan.creates.push(after);
    } else if (user.managedBy !== 'hq') {
      plan.skipped.push(member.username);
    } else if (STAFF_KEYS.some((k) => user[k] !== after[k])) {
      const endSessions = (user.active && !after.active) || user.role !== after.role || user.passwordHash !== after.passwordHash;
      plan.updates.push({ before: user, after, endSessions });
    }
  }
  for (const user of users) {
    if (user.managedBy === 'hq' && user.active && !listed.has(user.username)) {
      const { username, displayName, role, passwordHash } = user;
      plan.updates.push({ before: user, after: { username, displayName, role, active: false, passwordHash }, endSessions: true });
    }
  }
  return plan;
}
