/**
 * The office settings head office owns (the displays' message, the ticket footer, the calling
 * policy, the kiosk's and the data-protection texts, the announcements, the ticket logo, the
 * weekly hours and the holiday calendar). A field left empty stays the office's to change.
 * Read-only for managers. `settings` are the office's own (as an admin set them), `published`
 * what the office received, from which the resolved holidays are shown.
 *
 * @event hq-publish-settings - `{ settings }` when an admin publishes them.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConfigSettings } from '@turnero/contract/hq-link';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import { CALENDAR_FIELDS, dayHoursText, fieldValue, SETTING_FIELDS, settingsFromFields, upcomingHolidays, type SettingField } from '../lib/office-settings';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';

@customElement('hq-office-settings-form')
export class HqOfficeSettingsForm extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      :host {
        margin-top: 1.5rem;
      }
      input[name='ticker'],
      textarea {
        width: min(36rem, 80vw);
      }
      fieldset {
        min-width: 0;
      }
      .hours input {
        width: min(14rem, 45vw);
      }
    `,
  ];

  @property({ attribute: false }) settings: ConfigSettings = {};
  @property({ attribute: false }) published: ConfigSettings = {};
  /** Today at the office, "YYYY-MM-DD": the next holidays are shown from it. */
  @property() today = '';
  @property({ type: Boolean }) canWrite = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const off = !this.canWrite;
    return html`<h3 id="settings-title">${t('settings.title')}</h3>
      <p class="muted">${t('settings.hint')}</p>
      <form class="fields" aria-labelledby="settings-title" @submit=${this.submit}>
        ${SETTING_FIELDS.map((f) => this.field(f, off))} ${this.hours(off)} ${this.calendar(off)}
        ${this.canWrite
          ? html`<button type="submit" class="primary" data-action="publish-settings" ?disabled=${this.busy}>${t('settings.publish')}</button>`
          : ''}
      </form>`;
  }

  private field({ key, kind, max, choices }: SettingField, off: boolean) {
    const value = fieldValue(this.settings, key);
    const label = t(`settings.${key}`);
    if (kind === 'yesno' || kind === 'choice') {
      const options = kind === 'yesno' ? ['yes', 'no'] : (choices ?? []);
      const optionLabel = (v: string) => t(kind === 'yesno' ? `settings.choice.${v}` : `settings.${key}.${v}`);
      return html`<label
        >${label}
        <select name=${key} ?disabled=${off}>
          ${['', ...options].map((v) => html`<option value=${v} ?selected=${v === value}>${v ? optionLabel(v) : t('settings.choice.office')}</option>`)}
        </select></label
      >`;
    }
    if (kind === 'area')
      return html`<label>${label}<textarea name=${key} rows="3" maxlength=${max ?? 1000} .value=${value} ?disabled=${off} placeholder=${t('settings.office')}></textarea></label>`;
    return kind === 'number'
      ? html`<label>${label}<input name=${key} type="number" min="0" max=${max ?? 20} .value=${value} ?disabled=${off} placeholder=${t('settings.office')} /></label>`
      : html`<label>${label}<input name=${key} maxlength=${max ?? 80} .value=${value} ?disabled=${off} placeholder=${t('settings.office')} /></label>`;
  }

  /** The weekly hours, Sunday to Saturday: "08:00-12:00, 14:00-17:00", empty closed. */
  private hours(off: boolean) {
    const alwaysOpen = this.settings.openingHours === null;
    return html`<fieldset class="hours" data-testid="opening-hours">
      <legend>${t('settings.openingHours')}</legend>
      <p class="muted">${t('settings.openingHours.hint')}</p>
      <label class="check"
        ><input type="checkbox" name=${CALENDAR_FIELDS.alwaysOpen} ?checked=${alwaysOpen} ?disabled=${off} />
        ${t('settings.alwaysOpen')}</label
      >
      <table>
        <tbody>
          ${[0, 1, 2, 3, 4, 5, 6].map(
            (day) => html`<tr data-weekday=${day}>
              <th scope="row"><label for=${`hours-${day}`}>${t(`settings.weekday.${day}`)}</label></th>
              <td>
                <input id=${`hours-${day}`} name=${CALENDAR_FIELDS.day(day)} .value=${dayHoursText(this.settings, day)} ?disabled=${off} placeholder="08:00-12:00, 14:00-17:00" />
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </fieldset>`;
  }

  /** The dates an admin adds and the country's holidays the office works, beside what head office resolved. */
  private calendar(off: boolean) {
    const resolved = this.published.holidays ?? [];
    const next = upcomingHolidays(this.published, this.today, 5);
    return html`<fieldset data-testid="holidays">
      <legend>${t('settings.holidays.title')}</legend>
      <label
        >${t('settings.holidays')}
        <textarea name=${CALENDAR_FIELDS.holidays} rows="3" .value=${fieldValue(this.settings, 'holidays')} ?disabled=${off} placeholder="2027-03-19 Fiesta local"></textarea>
      </label>
      <label
        >${t('settings.holidaysWorked')}
        <textarea name=${CALENDAR_FIELDS.holidaysWorked} rows="2" .value=${fieldValue(this.settings, 'holidaysWorked')} ?disabled=${off} placeholder="2027-01-11"></textarea>
      </label>
      <p data-testid="resolved-holidays">${t('settings.holidays.resolved', { count: resolved.length })}</p>
      ${next.length > 0
        ? html`<ul data-testid="next-holidays">
            ${next.map((h) => html`<li><time datetime=${h.date}>${h.date}</time> ${h.name}</li>`)}
          </ul>`
        : ''}
    </fieldset>`;
  }

  private submit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    emit(this, 'hq-publish-settings', { settings: settingsFromFields(this.settings, (name) => String(data.get(name) ?? '')) });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-office-settings-form': HqOfficeSettingsForm;
  }
}
