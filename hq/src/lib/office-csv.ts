/** The comparison table as CSV: raw numbers (seconds, shares 0-1), headers in the chosen language. */
import { t } from '@turnero/web-client/i18n';
import type { OfficeRow } from '../api/hq-api';
import { toCsv, type CsvColumn } from './csv';
import '../components/hq-satisfaction-messages';
import '../components/hq-compare-columns-messages';

export function officeRowsToCsv(rows: readonly OfficeRow[]): string {
  const columns: CsvColumn<OfficeRow>[] = [
    { header: 'officeCode', value: (r) => r.officeCode },
    { header: t('col.office'), value: (r) => r.officeName },
    { header: t('col.company'), value: (r) => r.company },
    { header: t('col.region'), value: (r) => r.region },
    { header: t('col.issued'), value: (r) => r.issued },
    { header: t('col.served'), value: (r) => r.served },
    { header: `${t('col.waitMedian')} (s)`, value: (r) => r.waitMedianSeconds },
    { header: `${t('col.waitP90')} (s)`, value: (r) => r.waitP90Seconds },
    { header: t('col.withinTarget'), value: (r) => r.withinTargetShare },
    { header: t('col.noShow'), value: (r) => r.noShowRate },
    { header: t('col.walkout'), value: (r) => r.walkoutRate },
    { header: `${t('col.serviceMedian')} (s)`, value: (r) => r.serviceMedianSeconds },
    { header: t('col.satisfaction'), value: (r) => r.satisfactionAverage ?? null },
    { header: t('col.ratings'), value: (r) => r.satisfactionResponses ?? 0 },
    { header: t('col.selfService'), value: (r) => r.selfServiceTransactions ?? null },
    { header: t('col.utilisation'), value: (r) => r.utilisation },
    { header: t('col.lastSync'), value: (r) => r.lastSyncAt },
  ];
  return toCsv(rows, columns);
}
