/**
 * The group's service catalogue: one code per service whatever letter each office gives it
 * ("FACT" is Facturación at every office). Everyone signed in reads it; an admin adds to it.
 *
 * @event hq-unauthenticated - the token was refused.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CatalogService, CreateCatalogServiceBody } from '@turnero/contract/hq-link';
import { LangController } from '@turnero/web-client/lang-controller';
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import type { HqApi } from '../api/hq-api';
import { failureText } from '../lib/poll-controller';
import { sharedStyles } from './shared-styles';
import { tableStyles } from './table-styles';
import './hq-catalog-form';

@customElement('hq-catalog-view')
export class HqCatalogView extends LitElement {
  /** Re-renders on a language switch. */
  private readonly language = new LangController(this);

  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      .swatch {
        display: inline-block;
        width: 1.2rem;
        height: 1.2rem;
        border-radius: 0.25rem;
        border: 1px solid var(--hq-border-strong, #6b7480);
        vertical-align: middle;
      }
    `,
  ];

  @property({ attribute: false }) api!: HqApi;
  /** Admins add services; managers only read. */
  @property({ type: Boolean }) canWrite = false;

  @state() private services: CatalogService[] = [];
  @state() private loaded = false;
  @state() private error = '';
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.services = await this.api.catalog();
      this.error = '';
    } catch (e) {
      this.fail(e);
    } finally {
      this.loaded = true;
    }
  }

  private fail(e: unknown): void {
    this.error = failureText(this, e);
  }

  override render() {
    return html`<section class="card" aria-labelledby="catalog-title">
        <div class="toolbar"><h2 id="catalog-title">${t('catalog.title')}</h2></div>
        <p class="muted">${t('catalog.intro')}</p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        ${!this.loaded
          ? html`<p class="muted" role="status">${t('app.loading')}</p>`
          : this.services.length === 0
            ? html`<p class="muted">${t('catalog.empty')}</p>`
            : this.table()}
      </section>
      ${this.canWrite ? html`<hq-catalog-form @hq-catalog-add=${this.add}></hq-catalog-form>` : html`<p class="muted">${t('catalog.readOnly')}</p>`}`;
  }

  private table() {
    return html`<div class="scroller" role="region" aria-label=${t('catalog.title')} tabindex="0">
      <table id="catalog">
        <thead>
          <tr>
            ${['catalog.code', 'catalog.nameEs', 'catalog.nameEn', 'catalog.prefix', 'catalog.target', 'catalog.color', 'catalog.icon'].map(
              (key) => html`<th scope="col">${t(key)}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${this.services.map(
            (s) => html`<tr data-code=${s.code}>
              <td><strong>${s.code}</strong></td>
              <td>${s.nameEs}</td>
              <td lang="en">${s.nameEn}</td>
              <td>${s.prefix}</td>
              <td>${s.targetWaitMinutes} min</td>
              <td><span class="swatch" style="background:${s.color}" aria-hidden="true"></span> ${s.color}</td>
              <td>${s.icon}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private add = async (e: CustomEvent<{ body: CreateCatalogServiceBody; done: (ok: boolean, problem?: string) => void }>) => {
    const { body, done } = e.detail;
    try {
      await this.api.addCatalogService(body);
      this.notice = t('catalog.added', { code: body.code });
      done(true);
      await this.load();
    } catch (err) {
      this.notice = '';
      done(false, isApiError(err) && err.status === 409 ? t('catalog.duplicate', { code: body.code }) : failureText(this, err));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'hq-catalog-view': HqCatalogView;
  }
}
