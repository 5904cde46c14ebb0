/**
 * The office settings head office owns (the displays' message, the ticket footer, the calling
 * policy, the consent text version). A field left empty stays the office's to change.
 * Read-only for managers.
 *
 * @event hq-publish-settings - `{ settings }` when an admin publishes them.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ConfigSettings } from '@turnero/contract/hq-link';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { t } from '@turnero/web-client/i18n';
import { fieldValue, SETTING_FIELDS, settingsFromFields } from '../lib/office-settings';
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
      input[name='ticker'] {
        width: min(36rem, 80vw);
      }
    `,
  ];

  @property({ attribute: false }) settings: ConfigSettings = {};
  @property({ type: Boolean }) canWrite = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const off = !this.canWrite;
    return html`<h3 id="settings-title">${t('settings.title')}</h3>
      <p class="muted">${t('settings.hint')}</p>
      <form class="fields" aria-labelledby="settings-title" @submit=${this.submit}>
        ${SETTING_FIELDS.map(({ key, kind, max }) => {
          const value = fieldValue(this.settings, key);
          const label = t(`settings.${key}`);
          if (kind === 'yesno')
            return html`<label
              >${label}
              <select name=${key} ?disabled=${off}>
                ${['', 'yes', 'no'].map((v) => html`<option value=${v} ?selected=${v === value}>${t(`settings.choice.${v || 'office'}`)}</option>`)}
              </select></label
            >`;
          return kind === 'number'
            ? html`<label>${label}<input name=${key} type="number" min="0" max=${max ?? 20} .value=${value} ?disabled=${off} placeholder=${t('settings.office')} /></label>`
            : html`<label>${label}<input name=${key} maxlength=${max ?? 80} .value=${value} ?disabled=${off} placeholder=${t('settings.office')} /></label>`;
        })}
        ${this.canWrite
          ? html`<button type="submit" class="primary" data-action="publish-settings" ?disabled=${this.busy}>${t('settings.publish')}</button>`
          : ''}
      </form>`;
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
