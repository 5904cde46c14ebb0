/** How the dashboard writes a satisfaction figure: an average on the 1-5 scale, one decimal. */
import { getLocale } from '@turnero/web-client/i18n';
import './hq-satisfaction-messages';

export function formatScore(average: unknown): string {
  if (typeof average !== 'number' || !Number.isFinite(average)) return '—';
  return new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}
