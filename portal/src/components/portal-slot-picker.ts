/**
 * <portal-slot-picker>: a day, then that day's free slots for one office and service, as
 * radio buttons (a screen reader hears "10:30, 2 libres, 3 de 12"). Full slots are shown
 * but cannot be chosen.
 *
 * @event portal-slot-change - detail: the chosen slot's ISO start, or null when the day changes.
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SlotsResponse } from '@turnero/contract/portal';
import { formatTime } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import { addDays, todayIn } from '../lib/days';
import { errorText } from '../lib/errors';
import { fetchSlots } from '../lib/portal-api';
import { PortalView } from './portal-view';
import { css } from 'lit';

/** How far ahead the day field offers (head office refuses days past the office's own limit). */
const DAYS_AHEAD = 84;

@customElement('portal-slot-picker')
export class PortalSlotPicker extends PortalView {
  static override styles = [
    ...PortalView.styles,
    css`
      fieldset {
        border: 0;
        padding: 0;
        margin: 0.5rem 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      .slots {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
        gap: 0.5rem;
      }
      .slots label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        min-height: 44px;
        padding: 0.25rem 0.5rem;
        border: 1px solid var(--p-border, #6b7480);
        border-radius: 0.4rem;
        background: #fff;
      }
      .slots label.full {
        color: #4a5260;
        background: #eceff3;
      }
      .slots label:has(input:checked) {
        border: 2px solid var(--p-primary, #0a4f8f);
        background: var(--p-soft, #e3eefa);
      }
    `,
  ];

  @property() officeCode = '';
  @property() serviceCode = '';
  @property() timeZone = 'America/Bogota';
  @state() private day = '';
  @state() private slots: SlotsResponse['slots'] | null = null;
  @state() private chosen: string | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.day ||= todayIn(this.timeZone);
    void this.load();
  }

  private async load(): Promise<void> {
    this.slots = null;
    this.error = '';
    try {
      this.slots = await fetchSlots(this.officeCode, this.serviceCode, this.day);
    } catch (e) {
      this.error = errorText(e);
    }
  }

  private changeDay(day: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    this.day = day;
    this.choose(null);
    void this.load();
  }

  private choose(start: string | null): void {
    this.chosen = start;
    this.dispatchEvent(new CustomEvent<string | null>('portal-slot-change', { detail: start, bubbles: true, composed: true }));
  }

  override render() {
    const today = todayIn(this.timeZone);
    return html`
      <label class="field"
        ><span>${t('book.day')}</span>
        <input type="date" data-testid="day" .value=${this.day} min=${today} max=${addDays(today, DAYS_AHEAD)} @change=${(e: Event) => this.changeDay((e.target as HTMLInputElement).value)} />
      </label>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <fieldset>
        <legend>${t('book.time')}</legend>
        <p class="visually-hidden" role="status">${this.slots ? t('book.slotsCount', { n: this.slots.filter((s) => s.available > 0).length }) : t('app.loading')}</p>
        ${this.slots === null && !this.error ? html`<p aria-hidden="true">${t('app.loading')}</p>` : nothing}
        ${this.slots?.length === 0 ? html`<p>${t('book.noSlots')}</p>` : nothing}
        <div class="slots" data-testid="slots">
          ${(this.slots ?? []).map((s) => {
            const full = s.available <= 0;
            const time = formatTime(s.start, this.timeZone);
            return html`<label class=${full ? 'full' : ''}>
              <input type="radio" name="slot" value=${s.start} ?disabled=${full} .checked=${this.chosen === s.start} @change=${() => this.choose(s.start)} />
              <span>${time}<span class="visually-hidden">, ${full ? t('book.full') : t('book.free', { n: s.available })}</span></span>
            </label>`;
          })}
        </div>
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-slot-picker': PortalSlotPicker;
  }
}
