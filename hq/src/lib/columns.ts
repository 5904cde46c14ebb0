/** Which figures each table shows, in what order (shared by the tables and the CSV export). */
import type { Column } from '../components/hq-figures-table';

/** Service level below 80 % and no-show or walkout above 10 % are flagged in red. */
const FIGURES: Column[] = [
  { key: 'issued', label: 'col.issued', kind: 'count' },
  { key: 'served', label: 'col.served', kind: 'count' },
  { key: 'waitMedianSeconds', label: 'col.waitMedian', kind: 'wait' },
  { key: 'waitP90Seconds', label: 'col.waitP90', kind: 'wait' },
  { key: 'spread', label: 'col.spread', kind: 'spread' },
  { key: 'withinTargetShare', label: 'col.withinTarget', kind: 'share', goodAtLeast: 0.8 },
  { key: 'noShowRate', label: 'col.noShow', kind: 'share', badAbove: 0.1 },
  { key: 'walkoutRate', label: 'col.walkout', kind: 'share', badAbove: 0.1 },
  { key: 'serviceMedianSeconds', label: 'col.serviceMedian', kind: 'wait' },
];

export const OFFICE_COLUMNS: Column[] = [
  { key: 'officeName', label: 'col.office', kind: 'text', opens: true },
  { key: 'company', label: 'col.company', kind: 'text' },
  ...FIGURES,
  { key: 'utilisation', label: 'col.utilisation', kind: 'share' },
  { key: 'lastSyncAt', label: 'col.lastSync', kind: 'datetime' },
];

export const SERVICE_COLUMNS: Column[] = [{ key: 'serviceName', label: 'col.service', kind: 'text', opens: true }, ...FIGURES];

export const HOUR_COLUMNS: Column[] = [{ key: 'hour', label: 'col.hour', kind: 'hour' }, ...FIGURES];

export const LIVE_COLUMNS: Column[] = [
  { key: 'officeName', label: 'col.office', kind: 'text', opens: true },
  { key: 'company', label: 'col.company', kind: 'text' },
  { key: 'waitingNow', label: 'live.waiting', kind: 'count' },
  { key: 'longestWaitSeconds', label: 'live.longest', kind: 'wait' },
  { key: 'countersOpen', label: 'live.counters', kind: 'count' },
  { key: 'lastSyncAt', label: 'live.lastSync', kind: 'ago' },
  { key: 'alerts', label: 'live.alerts', kind: 'alerts' },
];
