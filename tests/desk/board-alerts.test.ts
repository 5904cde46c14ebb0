import { test } from 'vitest';
import assert from 'node:assert/strict';
import { computeAlerts } from '../../desk/src/lib/board-alerts';
import { counterRows } from '../../desk/src/lib/counter-rows';
import { counter, device, minutesBefore, office, service, T0, ticket } from './fixtures';

function snap(over: Partial<Parameters<typeof computeAlerts>[0]> = {}) {
  return { services: [service()], waiting: [], counters: [counter()], devices: [], office: office(), ...over };
}
const kinds = (s: ReturnType<typeof snap>, max = 15) => computeAlerts(s, T0, { maxQueueLength: max }).map((a) => a.kind);

test('a quiet, staffed office has no alerts', () => {
  assert.deepEqual(kinds(snap({ waiting: [ticket()] })), []);
});

test('a wait past the target raises one critical alert per service with the count and the longest wait', () => {
  const alerts = computeAlerts(
    snap({ waiting: [ticket({ issuedAt: minutesBefore(20) }), ticket({ issuedAt: minutesBefore(31) }), ticket()] }),
    T0,
  );
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].kind, 'wait_past_target');
  assert.equal(alerts[0].severity, 'critical');
  assert.deepEqual(alerts[0].values, { count: 2, minutes: 31, target: 15 });
});

test('a queue longer than the set length raises an alert; equal to it does not', () => {
  const three = [ticket(), ticket(), ticket()];
  assert.deepEqual(kinds(snap({ waiting: three }), 3), []);
  assert.deepEqual(kinds(snap({ waiting: [...three, ticket()] }), 3), ['queue_too_long']);
});

test('people waiting for a service whose counters are all paused or empty: nobody serves it', () => {
  const paused = counter({ agentState: 'paused', pauseReason: 'lunch' });
  assert.deepEqual(kinds(snap({ counters: [paused], waiting: [ticket()] })), ['service_unserved']);
  const empty = counter({ agentState: 'signed_out', agentId: null, agentName: null });
  assert.deepEqual(kinds(snap({ counters: [empty], waiting: [ticket()] })), ['service_unserved']);
  assert.deepEqual(kinds(snap({ counters: [empty] })), [], 'no one waiting: no alarm for a closed counter');
});

test('a service no counter is set up to serve is flagged, critical when people wait for it', () => {
  const other = counter({ services: [{ serviceId: 'svc-x', weight: 1 }] });
  const quiet = computeAlerts(snap({ counters: [other] }), T0);
  assert.deepEqual(quiet.map((a) => [a.kind, a.severity]), [['service_without_counter', 'warning']]);
  const busy = computeAlerts(snap({ counters: [other], waiting: [ticket()] }), T0);
  assert.deepEqual(busy.map((a) => [a.kind, a.severity]), [['service_without_counter', 'critical']]);
});

test('a kiosk printer out of paper is critical, paper low a warning; displays have no printer alert', () => {
  const alerts = computeAlerts(
    snap({
      devices: [
        device({ id: 'k1', printerStatus: 'paper_out' }),
        device({ id: 'k2', printerStatus: 'paper_near_end' }),
        device({ id: 'tv', kind: 'display', printerStatus: 'paper_out' }),
      ],
    }),
    T0,
  );
  assert.deepEqual(alerts.map((a) => [a.kind, a.severity, a.deviceId]), [
    ['printer_problem', 'critical', 'k1'],
    ['printer_problem', 'warning', 'k2'],
  ]);
});

test('a disconnected device warns; an inactive one is ignored', () => {
  assert.deepEqual(kinds(snap({ devices: [device({ connected: false })] })), ['device_disconnected']);
  assert.deepEqual(kinds(snap({ devices: [device({ connected: false, active: false })] })), []);
});

test('critical alerts come before warnings and notes', () => {
  const alerts = computeAlerts(
    snap({
      office: office({ acceptingTickets: false }),
      devices: [device({ connected: false })],
      waiting: [ticket({ issuedAt: minutesBefore(40) })],
    }),
    T0,
  );
  assert.deepEqual(alerts.map((a) => a.severity), ['critical', 'warning', 'info']);
});

test('counter rows: staffed first, by natural name order, with time in state and on the ticket', () => {
  const rows = counterRows(
    [
      counter({ id: 'c10', name: 'Módulo 10', agentState: 'idle' }),
      counter({ id: 'c2', name: 'Módulo 2', agentState: 'idle' }),
      counter({ id: 'c3', name: 'Módulo 3', agentState: 'signed_out', stateSince: null }),
      counter({
        id: 'c4',
        name: 'Módulo 4',
        agentState: 'serving',
        stateSince: minutesBefore(3),
        currentTicket: ticket({ status: 'serving', calledAt: minutesBefore(3), startedAt: minutesBefore(2) }),
      }),
      counter({ id: 'c5', name: 'Inactivo', active: false }),
    ],
    T0,
  );
  assert.deepEqual(rows.map((r) => r.counter.id), ['c4', 'c2', 'c10', 'c3']);
  assert.equal(rows[0].stateSeconds, 180);
  assert.equal(rows[0].ticketSeconds, 120);
  assert.equal(rows[3].stateSeconds, null);
});
