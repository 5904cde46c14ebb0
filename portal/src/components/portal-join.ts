/**
 * <portal-join>: join today's queue from the phone: a phone number or an e-mail address
 * (for "you are next"), the consent; head office asks the office for a real ticket. Only a
 * confirmed ticket opens the live page; an office it cannot reach is said plainly, with
 * booking offered instead.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PublicOffice } from '@turnero/contract/portal';
import { isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import { errorText } from '../lib/errors';
import { joinRemoteQueue, messageLocale, type PublicService } from '../lib/portal-api';
import { liveTicketHref, routeHref } from '../lib/route';
import { serviceName, waitMinutesText } from '../lib/wording';
import { consentField, PORTAL_CONSENT_VERSION } from './portal-consent';
import { contactFields, readContact } from './portal-contact';
import { ServiceFormView } from './service-form-view';

@customElement('portal-join')
export class PortalJoin extends ServiceFormView {
  @state() private unreachable = false;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.sending) return;
    const contact = readContact(e.target as HTMLFormElement);
    if (!contact.phone && !contact.email) {
      this.error = t('contact.oneRequired');
      return;
    }
    this.sending = true;
    this.error = '';
    this.unreachable = false;
    try {
      const created = await joinRemoteQueue({
        officeCode: this.officeCode,
        serviceCode: this.serviceCode,
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.email ? { email: contact.email } : {}),
        consentVersion: PORTAL_CONSENT_VERSION,
        locale: messageLocale(),
        requestKey: this.requestKey,
      });
      location.hash = liveTicketHref(created);
    } catch (err) {
      if (isApiError(err) && err.code === 'office_unreachable') this.unreachable = true;
      else this.error = errorText(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=alert]')?.focus();
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return this.renderWith('join.title', (office, service) => this.renderForm(office, service));
  }

  private renderForm(office: PublicOffice, service: PublicService) {
    const book = routeHref({ view: 'book', office: office.code, service: service.code });
    return html`
      <h1 tabindex="-1">${t('join.title')}</h1>
      <p class="hint">${office.name} · ${serviceName(service)}</p>
      <p>${t('office.waiting', { n: service.waiting })} · ${t('office.estimatedWait', { wait: waitMinutesText(service.estimatedWaitMinutes) })}</p>
      ${this.unreachable
        ? html`<div class="alert" role="alert" tabindex="-1" data-testid="unreachable">
            <p>${t('join.unreachable')}</p>
            ${service.bookable === false ? nothing : html`<p><a class="button" data-testid="book-instead" href=${book}>${t('join.bookInstead')}</a></p>`}
          </div>`
        : nothing}
      <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <p>${t('join.intro')}</p>
        ${contactFields({ name: false, idNumber: false })}
        ${consentField(this.consent, (c) => (this.consent = c))}
        ${this.error ? html`<p class="alert" role="alert" tabindex="-1" data-testid="error">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" data-testid="submit" ?disabled=${this.sending || !this.consent}>${this.sending ? t('app.sending') : t('join.submit')}</button>
          <a class="button secondary" href=${routeHref({ view: 'office', office: office.code })}>${t('app.back')}</a>
        </div>
      </form>
    `;
  }
}
