/**
 * <portal-find>: find an office by company, by city, or nearest to the phone (the
 * browser asks the customer before sharing the location; head office sorts by distance).
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PublicOffice } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { errorText } from '../lib/errors';
import { fetchOffices, type OfficeQuery } from '../lib/portal-api';
import { routeHref } from '../lib/route';
import { PortalView } from './portal-view';

type Locating = 'idle' | 'asking' | 'denied' | 'located';

@customElement('portal-find')
export class PortalFind extends PortalView {
  @state() private offices: PublicOffice[] | null = null;
  @state() private error = '';
  @state() private company = '';
  @state() private city = '';
  @state() private locating: Locating = 'idle';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(query: OfficeQuery = {}): Promise<void> {
    try {
      this.offices = await fetchOffices(query);
      this.error = '';
    } catch (e) {
      this.error = errorText(e);
    }
  }

  private nearMe(): void {
    if (!navigator.geolocation) {
      this.locating = 'denied';
      return;
    }
    this.locating = 'asking';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.locating = 'located';
        void this.load({ lat: pos.coords.latitude, lon: pos.coords.longitude });
      },
      () => {
        this.locating = 'denied';
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  }

  private get shown(): PublicOffice[] {
    return (this.offices ?? []).filter((o) => (!this.company || o.company === this.company) && (!this.city || o.city === this.city));
  }

  override render() {
    const all = this.offices ?? [];
    const companies = distinct(all.map((o) => o.company));
    const cities = distinct(all.filter((o) => !this.company || o.company === this.company).map((o) => o.city));
    const shown = this.shown;
    return html`
      <h1 tabindex="-1">${t('find.title')}</h1>
      <p class="hint">${t('find.intro')}</p>
      <form class="card" @submit=${(e: Event) => e.preventDefault()} aria-label=${t('find.filters')}>
        <label class="field"
          ><span>${t('find.company')}</span>
          <select data-testid="company" @change=${(e: Event) => ((this.company = (e.target as HTMLSelectElement).value), (this.city = ''))}>
            <option value="">${t('find.all')}</option>
            ${companies.map((c) => html`<option value=${c} ?selected=${c === this.company}>${c}</option>`)}
          </select>
        </label>
        <label class="field"
          ><span>${t('find.city')}</span>
          <select data-testid="city" @change=${(e: Event) => (this.city = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('find.all')}</option>
            ${cities.map((c) => html`<option value=${c} ?selected=${c === this.city}>${c}</option>`)}
          </select>
        </label>
        <button type="button" class="secondary" data-testid="near-me" @click=${() => this.nearMe()}>${t('find.nearMe')}</button>
        ${this.locating === 'denied' ? html`<p class="hint" role="status">${t('find.locationDenied')}</p>` : nothing}
        ${this.locating === 'located' ? html`<p class="hint" role="status">${t('find.sortedByDistance')}</p>` : nothing}
      </form>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.offices ? t('find.count', { n: shown.length }) : t('app.loading')}</p>
      ${this.offices === null && !this.error ? html`<p aria-hidden="true">${t('app.loading')}</p>` : nothing}
      ${this.offices && shown.length === 0 ? html`<p>${t('find.none')}</p>` : nothing}
      <ul class="plain" data-testid="offices">
        ${shown.map(
          (o) => html`<li class="card" data-office=${o.code}>
            <h2><a href=${routeHref({ view: 'office', office: o.code })}>${o.name}</a></h2>
            <p class="hint">${[o.company, o.city].filter(Boolean).join(' · ')}</p>
            ${o.openNow === undefined ? nothing : html`<p>${o.openNow ? t('office.openNow') : t('office.closedNow')}</p>`}
          </li>`,
        )}
      </ul>
    `;
  }
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b, 'es'));
}
