/**
 * The services one office offers, picked from the catalogue, each with an optional local
 * prefix and target wait (empty: the catalogue's default). Read-only for managers.
 *
 * @event hq-publish - `{ body: PutOfficeServicesBody }` when an admin publishes the choice.
 */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CatalogService, ConfigService, PutOfficeServicesBody } from '@turnero/contract/hq-link';
import { emit } from '@turnero/web-client/emit';
import { LangController } from '@turnero/web-client/lang-controller';
import { localName, t } from '@turnero/web-client/i18n';
import { offeredServicesBody } from '../lib/offered-services';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';

@customElement('hq-office-services-form')
export class HqOfficeServicesForm extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [sharedStyles, tableStyles];

  @property({ attribute: false }) catalog: CatalogService[] = [];
  /** What the office is configured to offer now (newest published version). */
  @property({ attribute: false }) offered: ConfigService[] = [];
  @property({ type: Boolean }) canWrite = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const byCode = new Map(this.offered.map((s) => [s.catalogCode, s]));
    const off = !this.canWrite;
    return html`<form @submit=${this.submit} aria-labelledby="offered-title">
      <h3 id="offered-title">${t('config.offered')}</h3>
      <div class="scroller" role="region" aria-label=${t('config.offered')} tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('config.offers')}</th>
              <th scope="col">${t('catalog.code')}</th>
              <th scope="col">${t('col.service')}</th>
              <th scope="col">${t('catalog.prefix')}</th>
              <th scope="col">${t('catalog.target')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.catalog.map((c) => {
              const mine = byCode.get(c.code);
              const name = localName(c);
              return html`<tr data-code=${c.code}>
                <td><input type="checkbox" name="offer" value=${c.code} ?checked=${Boolean(mine)} ?disabled=${off} aria-label=${t('config.offerLabel', { name })} /></td>
                <td>${c.code}</td>
                <td>${name}</td>
                <td>
                  <input name="prefix-${c.code}" maxlength="3" size="4" pattern="[A-Za-z]{1,3}" ?disabled=${off} placeholder=${c.prefix}
                    .value=${mine && mine.prefix !== c.prefix ? mine.prefix : ''} aria-label=${t('config.prefixLabel', { name, prefix: c.prefix })} />
                </td>
                <td>
                  <input name="target-${c.code}" type="number" min="1" max="480" ?disabled=${off} placeholder=${String(c.targetWaitMinutes)}
                    .value=${mine && mine.targetWaitMinutes !== c.targetWaitMinutes ? String(mine.targetWaitMinutes) : ''}
                    aria-label=${t('config.targetLabel', { name, minutes: c.targetWaitMinutes })} />
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${this.canWrite
        ? html`<p class="muted">${t('config.defaultsHint')}</p>
            <button type="submit" class="primary" data-action="publish" ?disabled=${this.busy}>${t('config.publish')}</button>`
        : html`<p class="muted">${t('config.readOnly')}</p>`}
    </form>`;
  }

  private submit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const body: PutOfficeServicesBody = offeredServicesBody(this.catalog, (name) => String(data.get(name) ?? ''), data.getAll('offer').map(String));
    emit(this, 'hq-publish', { body });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-office-services-form': HqOfficeServicesForm;
  }
}
