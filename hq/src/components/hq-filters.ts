/**
 * The report filters: company, region, service and date range. Every change applies at once
 * (a bad date range is refused with a message instead).
 *
 * @event hq-filters-change - `{ filters: ReportFilters }`
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import type { ReportFilters, ServiceOption } from '../api/hq-api';
import { isValidDay } from '../lib/dates';
import { sharedStyles } from './shared-styles';

@customElement('hq-filters')
export class HqFilters extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1rem;
        align-items: flex-end;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
        font-weight: 600;
        font-size: 0.95rem;
      }
      p.error {
        margin: 0.5rem 0 0;
      }
    `,
  ];

  @property({ attribute: false }) value!: ReportFilters;
  @property({ attribute: false }) companies: string[] = [];
  @property({ attribute: false }) regions: string[] = [];
  /** Empty: the service filter is hidden (head office did not list services). */
  @property({ attribute: false }) services: ServiceOption[] = [];

  @state() private problem = '';

  override render() {
    const f = this.value;
    return html`<form aria-label=${t('filters.title')} @submit=${(e: Event) => e.preventDefault()}>
        <label
          >${t('filters.company')}
          <select name="company" @change=${this.changed}>
            <option value="" ?selected=${!f.company}>${t('filters.all')}</option>
            ${this.companies.map((c) => html`<option value=${c} ?selected=${f.company === c}>${c}</option>`)}
          </select>
        </label>
        <label
          >${t('filters.region')}
          <select name="region" @change=${this.changed}>
            <option value="" ?selected=${!f.region}>${t('filters.all')}</option>
            ${this.regions.map((r) => html`<option value=${r} ?selected=${f.region === r}>${r}</option>`)}
          </select>
        </label>
        ${this.services.length > 0
          ? html`<label
              >${t('filters.service')}
              <select name="service" @change=${this.changed}>
                <option value="" ?selected=${!f.service}>${t('filters.allServices')}</option>
                ${this.services.map(
                  (s) => html`<option value=${s.serviceCode} ?selected=${f.service === s.serviceCode}>${s.serviceName}</option>`,
                )}
              </select>
            </label>`
          : ''}
        <label>${t('filters.from')} <input type="date" name="from" .value=${f.from} max=${f.to} @change=${this.changed} /></label>
        <label>${t('filters.to')} <input type="date" name="to" .value=${f.to} min=${f.from} @change=${this.changed} /></label>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : ''}`;
  }

  private changed = (e: Event) => {
    const input = e.target as HTMLInputElement | HTMLSelectElement;
    const next: ReportFilters = { ...this.value, [input.name]: input.value || undefined };
    // A region belongs to one company: choosing another company clears it.
    if (input.name === 'company') next.region = undefined;
    if (!next.from || !next.to || !isValidDay(next.from) || !isValidDay(next.to) || next.from > next.to) {
      this.problem = t('filters.badRange');
      return;
    }
    this.problem = '';
    emit(this, 'hq-filters-change', { filters: next });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-filters': HqFilters;
  }
}
