/**
 * Set-based SQL for the ingest path: every statement handles a whole batch (rows are
 * passed as one JSON parameter and expanded with json_to_recordset), and all the writes
 * of a batch go in one statement, so a batch costs four round trips whatever its size.
 */
import { COUNT_COLUMNS } from '../agg-sums';
import { BUCKET_COUNT, SERVICE_COLUMNS, WAIT_COLUMNS } from '../buckets';
import type { Sql } from '../db';
import type { AgentHourDelta, AgentRow, AggDelta, ReducibleEvent, SelfServiceDayDelta, ServiceInfo, TicketRow } from '../ingest/reducer';
import type { RatingRow } from '../ingest/rating-rows';
import type { BookingDayDelta } from '../ingest/booking-days';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

interface LockedOffice {
  id: number;
  ackedSeq: number;
  timeZone: string;
}

/** Locks the office row for the transaction: batches of one office apply one at a time. */
export async function lockOffice(sql: Sql, code: string): Promise<LockedOffice | null> {
  const rows = await sql.$queryRawUnsafe<{ id: number; acked_seq: number; time_zone: string }[]>(
    'SELECT id, acked_seq, time_zone FROM hq_office WHERE code = $1 FOR UPDATE',
    code,
  );
  return rows[0] ? { id: rows[0].id, ackedSeq: rows[0].acked_seq, timeZone: rows[0].time_zone } : null;
}

/** Reads events back in sequence order, one page at a time (rebuild). */
export async function readEvents(sql: Sql, officeId: number, afterSeq: number, limit: number): Promise<ReducibleEvent[]> {
  const rows = await sql.$queryRawUnsafe<{ seq: number; occurred_at: Date; fact: unknown }[]>(
    `SELECT seq, occurred_at, fact FROM hq_event WHERE office_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    officeId,
    afterSeq,
    limit,
  );
  return rows.map((r) => ({
    seq: r.seq,
    occurredAt: date(r.occurred_at)!,
    fact: (typeof r.fact === 'string' ? JSON.parse(r.fact) : r.fact) as ReducibleEvent['fact'],
  }));
}

export async function loadTickets(sql: Sql, officeId: number, ids: readonly string[]): Promise<Map<string, TicketRow>> {
  const out = new Map<string, TicketRow>();
  if (ids.length === 0) return out;
  const rows = await sql.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ticket_id, service_code, category, day, hour, target_wait_seconds, status, issued_at, first_called_at,
            started_at, finished_at, wait_seconds, service_seconds, counter_id, agent_id
     FROM hq_ticket WHERE office_id = $1 AND ticket_id IN (SELECT json_array_elements_text($2::json))`,
    officeId,
    JSON.stringify(ids),
  );
  for (const r of rows) {
    out.set(r.ticket_id as string, {
      ticketId: r.ticket_id as string,
      serviceCode: r.service_code as string,
      category: r.category as string,
      day: r.day as string,
      hour: Number(r.hour),
      targetWaitSeconds: Number(r.target_wait_seconds),
      status: r.status as string,
      issuedAt: date(r.issued_at),
      firstCalledAt: date(r.first_called_at),
      startedAt: date(r.started_at),
      finishedAt: date(r.finished_at),
      waitSeconds: r.wait_seconds === null ? null : Number(r.wait_seconds),
      serviceSeconds: r.service_seconds === null ? null : Number(r.service_seconds),
      counterId: (r.counter_id as string | null) ?? null,
      agentId: (r.agent_id as string | null) ?? null,
    });
  }
  return out;
}

export async function loadAgents(sql: Sql, officeId: number, ids: readonly string[]): Promise<Map<string, AgentRow>> {
  const out = new Map<string, AgentRow>();
  if (ids.length === 0) return out;
  const rows = await sql.$queryRawUnsafe<{ agent_id: string; counter_id: string; state: string; since: Date }[]>(
    `SELECT agent_id, counter_id, state, since FROM hq_agent
     WHERE office_id = $1 AND agent_id IN (SELECT json_array_elements_text($2::json))`,
    officeId,
    JSON.stringify(ids),
  );
  for (const r of rows) {
    out.set(r.agent_id, { agentId: r.agent_id, counterId: r.counter_id, state: r.state, since: date(r.since)! });
  }
  return out;
}

/**
 * All the writes of one batch as ONE statement of data-modifying CTEs: one round trip
 * instead of eight. Each table appears once, so the parts never touch the same row.
 */
export class BatchWrite {
  private readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  private readonly office: string;

  constructor(officeId: number) {
    this.office = this.param(officeId);
  }

  private param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }

  private add(sql: (office: string, json: string) => string, rows: unknown[]) {
    if (rows.length === 0) return;
    this.parts.push(`w${this.parts.length} AS (${sql(`${this.office}::int`, `${this.param(JSON.stringify(rows))}::json`)})`);
  }

  events(events: readonly ReducibleEvent[], receivedAt: Date): this {
    const received = this.param(receivedAt.toISOString());
    this.add(
      (office, json) => `INSERT INTO hq_event (office_id, seq, occurred_at, received_at, kind, type, fact)
        SELECT ${office}, x.seq, x.occurred_at, ${received}::timestamp, x.kind, x.type, x.fact
        FROM json_to_recordset(${json}) AS x(seq int, occurred_at timestamp, kind text, type text, fact jsonb)
        ON CONFLICT (office_id, seq) DO NOTHING`,
      events.map((e) => ({ seq: e.seq, occurred_at: e.occurredAt.toISOString(), kind: e.fact.kind, type: e.fact.event, fact: e.fact })),
    );
    return this;
  }

  tickets(tickets: readonly TicketRow[]): this {
    const rows = tickets.map((t) => ({
      ticket_id: t.ticketId,
      service_code: t.serviceCode,
      category: t.category,
      day: t.day,
      hour: t.hour,
      target_wait_seconds: t.targetWaitSeconds,
      status: t.status,
      issued_at: iso(t.issuedAt),
      first_called_at: iso(t.firstCalledAt),
      started_at: iso(t.startedAt),
      finished_at: iso(t.finishedAt),
      wait_seconds: t.waitSeconds,
      service_seconds: t.serviceSeconds,
      counter_id: t.counterId,
      agent_id: t.agentId,
    }));
    this.add(
      (office, json) => `INSERT INTO hq_ticket (office_id, ${TICKET_COLUMNS.join(', ')})
        SELECT ${office}, ${TICKET_COLUMNS.map((c) => `x.${c}`).join(', ')}
        FROM json_to_recordset(${json}) AS x(ticket_id text, service_code text, category text, day text, hour int,
          target_wait_seconds int, status text, issued_at timestamp, first_called_at timestamp, started_at timestamp,
          finished_at timestamp, wait_seconds int, service_seconds int, counter_id text, agent_id text)
        ON CONFLICT (office_id, ticket_id) DO UPDATE SET
          ${TICKET_COLUMNS.filter((c) => c !== 'ticket_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      rows,
    );
    return this;
  }

  agents(agents: readonly AgentRow[]): this {
    this.add(
      (office, json) => `INSERT INTO hq_agent (office_id, agent_id, counter_id, state, since)
        SELECT ${office}, x.agent_id, x.counter_id, x.state, x.since
        FROM json_to_recordset(${json}) AS x(agent_id text, counter_id text, state text, since timestamp)
        ON CONFLICT (office_id, agent_id) DO UPDATE SET
          counter_id = EXCLUDED.counter_id, state = EXCLUDED.state, since = EXCLUDED.since`,
      agents.map((a) => ({ agent_id: a.agentId, counter_id: a.counterId, state: a.state, since: a.since.toISOString() })),
    );
    return this;
  }

  services(services: readonly ServiceInfo[]): this {
    this.add(
      // A fact without a catalogue code keeps the link head office published for the prefix
      // (the office may not have applied that configuration yet).
      (office, json) => `INSERT INTO hq_service (office_id, service_code, name, target_wait_minutes, catalog_code)
        SELECT ${office}, x.service_code, x.name, x.target_wait_minutes, x.catalog_code
        FROM json_to_recordset(${json}) AS x(service_code text, name text, target_wait_minutes int, catalog_code text)
        ON CONFLICT (office_id, service_code) DO UPDATE SET
          name = EXCLUDED.name, target_wait_minutes = EXCLUDED.target_wait_minutes,
          catalog_code = COALESCE(EXCLUDED.catalog_code, hq_service.catalog_code)`,
      services.map((v) => ({ service_code: v.serviceCode, name: v.name, target_wait_minutes: v.targetWaitMinutes, catalog_code: v.catalogCode })),
    );
    return this;
  }

  aggregates(hourly: readonly AggDelta[], daily: readonly AggDelta[]): this {
    this.add((office, json) => aggUpsertSql('hq_agg_hour', office, json), hourly.map((d) => aggRow(d, true)));
    this.add((office, json) => aggUpsertSql('hq_agg_day', office, json), daily.map((d) => aggRow(d, false)));
    return this;
  }

  agentHours(deltas: readonly AgentHourDelta[]): this {
    this.add(
      (office, json) => `INSERT INTO hq_agent_hour (office_id, day, hour, signed_in_seconds, paused_seconds, serving_seconds)
        SELECT ${office}, x.day, x.hour, x.signed_in_seconds, x.paused_seconds, x.serving_seconds
        FROM json_to_recordset(${json}) AS x(day text, hour int, signed_in_seconds bigint, paused_seconds bigint, serving_seconds bigint)
        ON CONFLICT (office_id, day, hour) DO UPDATE SET
          signed_in_seconds = hq_agent_hour.signed_in_seconds + EXCLUDED.signed_in_seconds,
          paused_seconds = hq_agent_hour.paused_seconds + EXCLUDED.paused_seconds,
          serving_seconds = hq_agent_hour.serving_seconds + EXCLUDED.serving_seconds`,
      deltas.map((d) => ({
        day: d.day,
        hour: d.hour,
        signed_in_seconds: d.signedInSeconds,
        paused_seconds: d.pausedSeconds,
        serving_seconds: d.servingSeconds,
      })),
    );
    return this;
  }

  /** A ticket is rated once: a second rating of it (never sent by an office) keeps the first. */
  ratings(ratings: readonly RatingRow[]): this {
    this.add(
      (office, json) => `INSERT INTO hq_rating (office_id, ticket_id, score, service_code, counter_id, agent_id, day, hour, at, wait_seconds)
        SELECT ${office}, x.ticket_id, x.score, x.service_code, x.counter_id, x.agent_id, x.day, x.hour, x.at, x.wait_seconds
        FROM json_to_recordset(${json}) AS x(ticket_id text, score int, service_code text, counter_id text, agent_id text,
          day text, hour int, at timestamp, wait_seconds int)
        ON CONFLICT (office_id, ticket_id) DO NOTHING`,
      ratings.map((r) => ({
        ticket_id: r.ticketId,
        score: r.score,
        service_code: r.serviceCode,
        counter_id: r.counterId,
        agent_id: r.agentId,
        day: r.day,
        hour: r.hour,
        at: r.at.toISOString(),
        wait_seconds: r.waitSeconds,
      })),
    );
    return this;
  }

  /** Self-service counts add up: each fact reaches here once (its sequence is new, or a rebuild started from zero). */
  selfServiceDays(days: readonly SelfServiceDayDelta[]): this {
    this.add(
      (office, json) => `INSERT INTO hq_self_service_day (office_id, day, kind, count)
        SELECT ${office}, x.day, x.kind, x.count FROM json_to_recordset(${json}) AS x(day text, kind text, count int)
        ON CONFLICT (office_id, day, kind) DO UPDATE SET count = hq_self_service_day.count + EXCLUDED.count`,
      days.map((d) => ({ day: d.day, kind: d.kind, count: d.count })),
    );
    return this;
  }

  /** Booking figures add up like self-service counts: each fact reaches here once. */
  bookingDays(days: readonly BookingDayDelta[]): this {
    this.add(
      (office, json) => `INSERT INTO hq_booking_day (office_id, day, service_code, booked, cancelled, checked_in, no_show, late_check_ins, punctuality_seconds_sum)
        SELECT ${office}, x.day, x."serviceCode", x.booked, x.cancelled, x."checkedIn", x."noShow", x."lateCheckIns", x."punctualitySecondsSum"
        FROM json_to_recordset(${json}) AS x(day text, "serviceCode" text, booked int, cancelled int, "checkedIn" int, "noShow" int, "lateCheckIns" int, "punctualitySecondsSum" int)
        ON CONFLICT (office_id, day, service_code) DO UPDATE SET
          booked = hq_booking_day.booked + EXCLUDED.booked,
          cancelled = hq_booking_day.cancelled + EXCLUDED.cancelled,
          checked_in = hq_booking_day.checked_in + EXCLUDED.checked_in,
          no_show = hq_booking_day.no_show + EXCLUDED.no_show,
          late_check_ins = hq_booking_day.late_check_ins + EXCLUDED.late_check_ins,
          punctuality_seconds_sum = hq_booking_day.punctuality_seconds_sum + EXCLUDED.punctuality_seconds_sum`,
      [...days],
    );
    return this;
  }

  /** Runs everything; `synced` also moves the office's acked sequence, sync time and skew. */
  async run(sql: Sql, synced?: { ackedSeq: number; receivedAt: Date; clockSkewMs: number; timeZone: string }): Promise<void> {
    const final = synced
      ? `UPDATE hq_office SET acked_seq = ${this.param(synced.ackedSeq)}, last_sync_at = ${this.param(synced.receivedAt.toISOString())}::timestamp,
           clock_skew_ms = ${this.param(synced.clockSkewMs)}, time_zone = ${this.param(synced.timeZone)} WHERE id = ${this.office}::int`
      : 'SELECT 1';
    if (this.parts.length === 0 && !synced) return;
    await sql.$executeRawUnsafe(`${this.parts.length ? `WITH ${this.parts.join(',\n')}\n` : ''}${final}`, ...this.params);
  }
}

const TICKET_COLUMNS = [
  'ticket_id',
  'service_code',
  'category',
  'day',
  'hour',
  'target_wait_seconds',
  'status',
  'issued_at',
  'first_called_at',
  'started_at',
  'finished_at',
  'wait_seconds',
  'service_seconds',
  'counter_id',
  'agent_id',
];

const AGG_VALUE_COLUMNS = [...COUNT_COLUMNS.map((c) => c[0]), ...WAIT_COLUMNS, ...SERVICE_COLUMNS];

function aggRow(d: AggDelta, withHour: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = { service_code: d.serviceCode, day: d.day };
  if (withHour) row.hour = d.hour;
  for (const [col, field] of COUNT_COLUMNS) row[col] = d[field];
  for (let i = 0; i < BUCKET_COUNT; i++) {
    row[WAIT_COLUMNS[i]] = d.waitHist[i];
    row[SERVICE_COLUMNS[i]] = d.serviceHist[i];
  }
  return row;
}

function aggUpsertSql(table: 'hq_agg_hour' | 'hq_agg_day', office: string, json: string): string {
  const keys = table === 'hq_agg_hour' ? ['service_code', 'day', 'hour'] : ['service_code', 'day'];
  const keyTypes: Record<string, string> = { service_code: 'text', day: 'text', hour: 'int' };
  const valueTypes = [
    ...COUNT_COLUMNS.map(([c, , t]) => `${c} ${t}`),
    ...WAIT_COLUMNS.map((c) => `${c} int`),
    ...SERVICE_COLUMNS.map((c) => `${c} int`),
  ];
  const all = [...keys, ...AGG_VALUE_COLUMNS];
  return `INSERT INTO ${table} (office_id, ${all.join(', ')})
    SELECT ${office}, ${all.map((c) => `x.${c}`).join(', ')}
    FROM json_to_recordset(${json}) AS x(${[...keys.map((k) => `${k} ${keyTypes[k]}`), ...valueTypes].join(', ')})
    ON CONFLICT (office_id, ${keys.join(', ')}) DO UPDATE SET
      ${AGG_VALUE_COLUMNS.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}`;
}

/** Everything derived from one office's events (rebuild starts from here). */
export async function clearDerived(sql: Sql, officeId: number) {
  for (const table of ['hq_ticket', 'hq_agent', 'hq_agg_hour', 'hq_agg_day', 'hq_agent_hour', 'hq_rating', 'hq_self_service_day', 'hq_booking_day']) {
    await sql.$executeRawUnsafe(`DELETE FROM ${table} WHERE office_id = $1`, officeId);
  }
}
