/**
 * Applies one numbered message from head office, exactly once: ONE command of the bus
 * checks `seq == lastAppliedSeq + 1`, applies it, writes its audit rows and stores the new
 * lastAppliedSeq, all in one transaction. A seq at or below the stored one was applied
 * already (a retry after a disconnect, a restart or a SIGKILL) and is skipped; a higher
 * one means a message is missing, and nothing is applied until it is fetched. A message
 * that cannot be applied is consumed as `refused` with its reason and changes nothing
 * else. After the commit, screens hear what changed the way admin changes tell them, and
 * the sessions of people head office disabled end at once.
 */
import { randomUUID } from 'node:crypto';
import { HQ_ONLY_SETTINGS, type ConfigSettings, type LinkApplyResult, type LinkMessage, type OfficeConfig, type PublishedSettings, type StaffRoster } from '@turnero/contract/hq-link';
import type { CONFIG_PARTS } from '@turnero/contract/realtime';
import type { AuthService } from '../auth/auth-service';
import type { CommandContext } from '../command-bus';
import type { OfficeDeps } from '../context';
import { officeDto } from '../presenter';
import { revokeTokensOf } from '../store/auth-store';
import { insertConfigAudit, type ConfigAuditEntry } from '../store/config-audit-store';
import {
  insertHqUser,
  insertLinkedService,
  loadStaffUsers,
  readHqOwnableSettings,
  readLinkRow,
  saveLinkRow,
  setHqUserColumns,
  setServiceColumns,
  writeHqOwnableSettings,
  type LinkRow,
} from '../store/link-store';
import { loadCounters, loadOffice, loadServices } from '../store/office-store';
import type { BookingsMessage } from '@turnero/contract/portal';
import { applyBookings } from '../bookings/apply-bookings';
import { consentTextWithoutNewVersion, planConfig, type ConfigPlan } from './config-plan';
import { planStaff, type StaffPlan, type StaffUser } from './staff-plan';

export type ApplyOutcome =
  | { kind: 'skipped' }
  /** A message before this one is missing: fetch again from `afterSeq`. */
  | { kind: 'gap'; afterSeq: number }
  | { kind: 'done'; result: LinkApplyResult };

export interface LinkApplier {
  apply(message: LinkMessage): Promise<ApplyOutcome>;
  /** Consumes a message that could not be read (its seq only) as refused. */
  refuse(seq: number, reason: string): Promise<ApplyOutcome>;
}

interface Applied {
  result: LinkApplyResult;
  audit: ConfigAuditEntry[];
  link: Partial<LinkRow>;
  changed: ConfigPart[];
  settingsChanged: boolean;
  endSessionsOf: string[];
}

const HQ = 'hq';
type ConfigPart = (typeof CONFIG_PARTS)[number];

export function createLinkApplier(
  deps: OfficeDeps,
  auth: AuthService,
  onSettingsChanged: () => Promise<void> = async () => {},
): LinkApplier {
  async function consume(seq: number, decide: (ctx: CommandContext, at: Date, row: LinkRow) => Promise<Applied>): Promise<ApplyOutcome> {
    const outcome = await deps.bus.command('link-apply', async (ctx): Promise<ApplyOutcome & { applied?: Applied }> => {
      const row = await readLinkRow(ctx.tx);
      if (seq <= row.lastAppliedSeq) {
        ctx.viewUnchanged();
        return { kind: 'skipped' };
      }
      if (seq > row.lastAppliedSeq + 1) {
        ctx.viewUnchanged();
        return { kind: 'gap', afterSeq: row.lastAppliedSeq };
      }
      const at = deps.clock.now();
      const applied = await decide(ctx, at, row);
      if (applied.changed.length === 0 && !applied.settingsChanged) ctx.viewUnchanged();
      await insertConfigAudit(ctx.tx, applied.audit.map((a) => ({ ...a, linkSeq: seq })));
      await saveLinkRow(ctx.tx, { ...applied.link, lastAppliedSeq: seq, lastAppliedAt: at });
      for (const id of applied.endSessionsOf) await revokeTokensOf(ctx.tx, id, at);
      const office = applied.settingsChanged ? officeDto(await loadOffice(ctx.tx)) : null;
      ctx.afterCommit(() => {
        for (const what of applied.changed) deps.broadcaster.publish('config:changed', { what });
        if (office) deps.broadcaster.publish('office:updated', { office });
      });
      return { kind: 'done', result: applied.result, applied };
    });
    if (outcome.kind !== 'done') return outcome;
    const { applied, ...done } = outcome;
    // Tokens are revoked in the transaction; this ends the live sessions and their sockets.
    for (const id of applied!.endSessionsOf) await auth.revokeAllFor(id);
    if (applied!.settingsChanged) await onSettingsChanged();
    deps.logger.info({ seq, status: done.result.status, reason: done.result.reason }, 'head-office message applied');
    return done;
  }

  return {
    apply(message) {
      return consume(message.seq, (ctx, at, row) =>
        message.kind === 'config'
          ? applyConfig(ctx, at, row, message.seq, message.payload)
          : message.kind === 'staff'
            ? applyStaff(ctx, at, message.seq, message.payload)
            : applyBookingsMessage(ctx, at, message.seq, message.payload),
      );
    },
    refuse(seq, reason) {
      return consume(seq, async (_ctx, at) => refused({ seq, status: 'refused', reason }, at));
    },
  };
}

function refused(result: LinkApplyResult, at: Date): Applied {
  return {
    result,
    audit: [{ at, actor: HQ, action: 'message.refused', subject: String(result.seq), before: null, after: { reason: result.reason } }],
    link: {},
    changed: [],
    settingsChanged: false,
    endSessionsOf: [],
  };
}

async function applyConfig(ctx: CommandContext, at: Date, row: LinkRow, seq: number, config: OfficeConfig): Promise<Applied> {
  const { tx } = ctx;
  const base = { seq, configVersion: config.version };
  if (config.version < row.configVersion) {
    return refused({ ...base, status: 'refused', reason: `version ${config.version} is older than the running version ${row.configVersion}` }, at);
  }
  const activeCounters = (await loadCounters(tx)).filter((c) => c.active).map((c) => c.id);
  const outcome = planConfig(config, await loadServices(tx), activeCounters);
  if (!outcome.ok) return refused({ ...base, status: 'refused', reason: outcome.reason }, at);
  const plan = outcome.plan;
  const current = await readHqOwnableSettings(tx);
  const consentClash = consentTextWithoutNewVersion(current, plan.settings);
  if (consentClash) return refused({ ...base, status: 'refused', reason: consentClash }, at);
  const audit = await writeServices(ctx, at, plan);
  const settingsAudit = await writeSettings(ctx, at, plan.settings, current);
  const ownedChanged = JSON.stringify(plan.ownedSettings) !== JSON.stringify(row.hqSettings);
  const changed: ConfigPart[] = [];
  if (audit.length > 0) changed.push('services');
  if (plan.creates.some((c) => c.counterIds.length > 0)) changed.push('counters');
  return {
    result: { ...base, status: 'applied' },
    audit: [...audit, ...settingsAudit],
    link: { configVersion: config.version, hqSettings: plan.ownedSettings },
    changed,
    settingsChanged: settingsAudit.length > 0 || ownedChanged,
    endSessionsOf: [],
  };
}

/** Service rows as the plan says. A prefix moving between linked services is freed first. */
async function writeServices({ tx }: CommandContext, at: Date, plan: ConfigPlan): Promise<ConfigAuditEntry[]> {
  const audit: ConfigAuditEntry[] = [];
  for (const s of plan.deactivations) {
    await setServiceColumns(tx, s.id, { active: false });
    audit.push({ at, actor: HQ, action: 'service.deactivate', subject: s.catalogCode!, before: s, after: { ...s, active: false } });
  }
  const moved = [...plan.updates, ...plan.adoptions].filter((c) => c.before.prefix !== c.after.prefix);
  for (const c of moved) await setServiceColumns(tx, c.before.id, { prefix: `~${c.before.id}` });
  for (const [action, changes] of [['service.update', plan.updates], ['service.adopt', plan.adoptions]] as const) {
    for (const c of changes) {
      await setServiceColumns(tx, c.before.id, c.after);
      audit.push({ at, actor: HQ, action, subject: c.after.catalogCode, before: c.before, after: { ...c.before, ...c.after } });
    }
  }
  for (const c of plan.creates) {
    const id = randomUUID();
    await insertLinkedService(tx, id, c.fields, c.counterIds);
    audit.push({ at, actor: HQ, action: 'service.create', subject: c.fields.catalogCode, before: null, after: { id, ...c.fields, counterIds: c.counterIds } });
  }
  return audit;
}

/** Head office's settings the office does not hold yet; compared by value (hours and holidays are lists). */
async function writeSettings(
  { tx }: CommandContext,
  at: Date,
  settings: ConfigSettings,
  current: Required<PublishedSettings>,
): Promise<ConfigAuditEntry[]> {
  const published = (Object.keys(settings) as (keyof ConfigSettings)[]).filter(
    (k): k is keyof PublishedSettings => !(HQ_ONLY_SETTINGS as readonly string[]).includes(k),
  );
  const keys = published.filter((k) => JSON.stringify(settings[k]) !== JSON.stringify(current[k]));
  if (keys.length === 0) return [];
  const before = Object.fromEntries(keys.map((k) => [k, current[k]]));
  const after = Object.fromEntries(keys.map((k) => [k, settings[k]]));
  await writeHqOwnableSettings(tx, after);
  return [{ at, actor: HQ, action: 'settings.update', subject: 'office', before, after }];
}

/** Bookings made, moved or cancelled at head office (issue 14); the audit keeps counts only. */
async function applyBookingsMessage({ tx, viewUnchanged, outbox }: CommandContext, at: Date, seq: number, message: BookingsMessage): Promise<Applied> {
  const applied = await applyBookings(tx, message, at, outbox);
  // Bookings are not part of the live queue: a checked-in one enters it as a ticket.
  viewUnchanged();
  return {
    result: { seq, status: 'applied' },
    audit: [{ at, actor: HQ, action: 'bookings.apply', subject: String(message.bookings.length), before: null, after: { ...applied } }],
    link: {},
    changed: [],
    settingsChanged: false,
    endSessionsOf: [],
  };
}

/** What the audit keeps of a person: never the password verifier, only whether it changed. */
function auditedUser(u: { username: string; displayName: string; role: string; active: boolean }) {
  return { username: u.username, displayName: u.displayName, role: u.role, active: u.active };
}

async function applyStaff({ tx }: CommandContext, at: Date, seq: number, roster: StaffRoster): Promise<Applied> {
  const plan: StaffPlan = planStaff(roster, (await loadStaffUsers(tx)) as StaffUser[]);
  const audit: ConfigAuditEntry[] = [];
  const endSessionsOf: string[] = [];
  for (const fields of plan.creates) {
    const id = randomUUID();
    await insertHqUser(tx, id, fields);
    audit.push({ at, actor: HQ, action: 'user.create', subject: fields.username, before: null, after: auditedUser(fields) });
  }
  for (const u of plan.updates) {
    await setHqUserColumns(tx, u.before.id, u.after);
    if (u.endSessions) endSessionsOf.push(u.before.id);
    const action = u.before.active && !u.after.active ? 'user.deactivate' : 'user.update';
    const passwordChanged = u.before.passwordHash !== u.after.passwordHash;
    audit.push({ at, actor: HQ, action, subject: u.after.username, before: auditedUser(u.before), after: { ...auditedUser(u.after), passwordChanged } });
  }
  const reason = plan.skipped.length > 0 ? `skipped (a local user has the username): ${plan.skipped.join(', ')}`.slice(0, 500) : undefined;
  return {
    result: { seq, status: 'applied', ...(reason ? { reason } : {}) },
    audit,
    link: { staffVersion: roster.version },
    changed: audit.length > 0 ? ['users'] : [],
    settingsChanged: false,
    endSessionsOf,
  };
}
