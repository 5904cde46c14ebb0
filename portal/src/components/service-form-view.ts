import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicOffice } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { errorText } from '../lib/errors';
import { fetchOffice, newRequestKey, type PublicService } from '../lib/portal-api';
import { PortalView } from './portal-view';

/**
 * A form about one service of one office (book, join the queue): loads the office's public
 * row, keeps one request key per form (a double submit or a retry makes one booking or one
 * ticket), and shows loading or "not found" until the office and its service are known.
 */
export class ServiceFormView extends PortalView {
  @property() officeCode = '';
  @property() serviceCode = '';
  @state() protected office: PublicOffice | null | undefined = undefined;
  @state() protected consent = false;
  @state() protected sending = false;
  @state() protected error = '';
  protected readonly requestKey = newRequestKey();

  override connectedCallback(): void {
    super.connectedCallback();
    void fetchOffice(this.officeCode).then(
      (o) => (this.office = o),
      (e) => (this.error = errorText(e)),
    );
  }

  protected get service(): PublicService | undefined {
    return this.office?.services.find((s) => s.code === this.serviceCode);
  }

  /** The page for this office and service, or its loading / not-found state under `titleKey`. */
  protected renderWith(titleKey: string, page: (office: PublicOffice, service: PublicService) => TemplateResult): TemplateResult {
    const heading = html`<h1 tabindex="-1">${t(titleKey)}</h1>`;
    if (this.office === undefined && !this.error) return html`${heading}<p role="status">${t('app.loading')}</p>`;
    const service = this.service;
    if (!this.office || !service) return html`${heading}<p class="alert" role="alert">${this.error || t('office.notFound')}</p>`;
    return page(this.office, service);
  }
}
