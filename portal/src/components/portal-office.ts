/**
 * <portal-office>: one office as the public sees it: its services with today's waiting
 * count and estimated wait, its opening hours, and per service "book an appointment" and
 * (when the office is open, reachable and allows it) "join the queue from here".
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PublicOffice } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { errorText } from '../lib/errors';
import { fetchOffice } from '../lib/portal-api';
import { routeHref } from '../lib/route';
import { serviceName, waitMinutesText } from '../lib/wording';
import { PortalView } from './portal-view';

/** Sunday first, as the contract's week. */
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

@customElement('portal-office')
export class PortalOffice extends PortalView {
  @property() code = '';
  @state() private office: PublicOffice | null | undefined = undefined;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.office = await fetchOffice(this.code);
    } catch (e) {
      this.error = errorText(e);
    }
  }

  override render() {
    if (this.error) return html`<h1 tabindex="-1">${t('office.title')}</h1><p class="alert" role="alert">${this.error}</p>`;
    if (this.office === undefined) return html`<h1 tabindex="-1">${t('office.title')}</h1><p role="status">${t('app.loading')}</p>`;
    if (this.office === null) return html`<h1 tabindex="-1">${t('office.title')}</h1><p role="alert">${t('office.notFound')}</p>`;
    const office = this.office;
    const canJoin = office.reachable !== false && office.openNow !== false;
    return html`
      <h1 tabindex="-1" data-testid="office-name">${office.name}</h1>
      <p class="hint">${[office.company, office.city].filter(Boolean).join(' · ')}</p>
      ${office.openNow === undefined ? nothing : html`<p>${office.openNow ? t('office.openNow') : t('office.closedNow')}</p>`}
      <h2>${t('office.services')}</h2>
      <ul class="plain">
        ${office.services.map(
          (s) => html`<li class="card" data-service=${s.code}>
            <h3>${serviceName(s)}</h3>
            <p data-testid="waiting">${t('office.waiting', { n: s.waiting })}</p>
            <p data-testid="estimated-wait">${t('office.estimatedWait', { wait: waitMinutesText(s.estimatedWaitMinutes) })}</p>
            <div class="actions">
              ${s.bookable === false
                ? nothing
                : html`<a class="button" data-testid="book" href=${routeHref({ view: 'book', office: office.code, service: s.code })}
                    >${t('office.book')}<span class="visually-hidden"> · ${serviceName(s)}</span></a
                  >`}
              ${s.remoteJoin && canJoin
                ? html`<a class="button secondary" data-testid="join" href=${routeHref({ view: 'join', office: office.code, service: s.code })}
                    >${t('office.join')}<span class="visually-hidden"> · ${serviceName(s)}</span></a
                  >`
                : nothing}
            </div>
          </li>`,
        )}
      </ul>
      ${this.renderHours(office)}
      <p><a href="#/">${t('office.back')}</a></p>
    `;
  }

  private renderHours(office: PublicOffice) {
    if (office.openingHours === undefined) return nothing;
    if (office.openingHours === null) return html`<h2>${t('office.hours')}</h2><p>${t('office.alwaysOpen')}</p>`;
    const hours = office.openingHours;
    // Monday first on screen, as people read a week in Colombia.
    const order = [1, 2, 3, 4, 5, 6, 0];
    return html`<h2>${t('office.hours')}</h2>
      <table data-testid="hours">
        <tbody>
          ${order.map(
            (d) => html`<tr>
              <th scope="row">${t(`day.${WEEKDAYS[d]}`)}</th>
              <td>${hours[d]?.length ? hours[d].map((s) => `${s.open}–${s.close}`).join(', ') : t('office.closedDay')}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-office': PortalOffice;
  }
}
