/**
 * <portal-book>: book an appointment: a day and a free slot, a name, a phone number or an
 * e-mail address (the ID number only where the service asks for it), the consent; then the
 * confirmation with the booking's code and QR, and the link to manage it.
 */
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { BookingCreated, PublicOffice } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { DEFAULT_TIME_ZONE } from '../lib/days';
import { errorText } from '../lib/errors';
import { createBooking, messageLocale, type PublicService } from '../lib/portal-api';
import { routeHref } from '../lib/route';
import { serviceName } from '../lib/wording';
import { consentField, PORTAL_CONSENT_VERSION } from './portal-consent';
import { contactFields, readContact, type ContactForm } from './portal-contact';
import { ServiceFormView } from './service-form-view';
import './portal-booking-card';
import './portal-slot-picker';

@customElement('portal-book')
export class PortalBook extends ServiceFormView {
  @state() private start: string | null = null;
  @state() private created: BookingCreated | null = null;

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.sending) return;
    const form = e.target as HTMLFormElement;
    if (!this.start) {
      this.error = t('book.chooseTime');
      return;
    }
    const contact: ContactForm = readContact(form);
    if (!contact.phone && !contact.email) {
      this.error = t('contact.oneRequired');
      return;
    }
    this.sending = true;
    this.error = '';
    try {
      this.created = await createBooking({
        officeCode: this.officeCode,
        serviceCode: this.serviceCode,
        start: this.start,
        name: contact.name ?? '',
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.idNumber ? { idNumber: contact.idNumber } : {}),
        consentVersion: PORTAL_CONSENT_VERSION,
        locale: messageLocale(),
        requestKey: this.requestKey,
      });
      await this.focusHeading();
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return this.renderWith('book.title', (office, service) => this.renderForm(office, service));
  }

  private renderForm(office: PublicOffice, service: PublicService) {
    const timeZone = office.timeZone ?? DEFAULT_TIME_ZONE;
    if (this.created) return this.renderConfirmation(office, service, timeZone, this.created);
    return html`
      <h1 tabindex="-1">${t('book.title')}</h1>
      <p class="hint">${office.name} · ${serviceName(service)}</p>
      <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <portal-slot-picker
          .officeCode=${office.code}
          .serviceCode=${service.code}
          .timeZone=${timeZone}
          @portal-slot-change=${(e: CustomEvent<string | null>) => (this.start = e.detail)}
        ></portal-slot-picker>
        <h2>${t('book.yourData')}</h2>
        ${contactFields({ name: true, idNumber: Boolean(service.needsIdNumber) })}
        ${consentField(this.consent, (c) => (this.consent = c))}
        ${this.error ? html`<p class="alert" role="alert" data-testid="error">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" data-testid="submit" ?disabled=${this.sending || !this.consent}>${this.sending ? t('app.sending') : t('book.submit')}</button>
          <a class="button secondary" href=${routeHref({ view: 'office', office: office.code })}>${t('app.back')}</a>
        </div>
      </form>
    `;
  }

  private renderConfirmation(office: PublicOffice, service: PublicService, timeZone: string, created: BookingCreated) {
    return html`
      <h1 tabindex="-1" data-testid="confirmed">${t('book.confirmed')}</h1>
      <p class="ok" role="status">${t('book.confirmedHint')}</p>
      <portal-booking-card
        .code=${created.code}
        .qr=${created.qr}
        .start=${created.start}
        .officeName=${office.name}
        .serviceName=${serviceName(service)}
        .timeZone=${timeZone}
      ></portal-booking-card>
      <div class="actions">
        <a class="button secondary" data-testid="manage" href=${routeHref({ view: 'booking', code: created.code })}>${t('book.manage')}</a>
      </div>
    `;
  }
}
