/**
 * The customer's contact fields, shared by booking and the remote queue: a name (booking
 * only), a phone number or an e-mail address (one is enough), and the ID number only where
 * the service asks for it (data with no use is not collected: Ley 1581, finalidad).
 */
import { html, nothing } from 'lit';
import { t } from '@turnero/web-client/i18n';

export interface ContactForm {
  name?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
}

export function contactFields(opts: { name: boolean; idNumber: boolean }) {
  return html`
    ${opts.name
      ? html`<label class="field"><span>${t('contact.name')}</span><input name="name" data-testid="name" autocomplete="name" required maxlength="80" /></label>`
      : nothing}
    <p class="hint" id="contact-hint">${t('contact.hint')}</p>
    <label class="field"
      ><span>${t('contact.phone')}</span
      ><input name="phone" data-testid="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="16" aria-describedby="contact-hint"
    /></label>
    <label class="field"
      ><span>${t('contact.email')}</span
      ><input name="email" data-testid="email" type="email" autocomplete="email" maxlength="254" aria-describedby="contact-hint"
    /></label>
    ${opts.idNumber
      ? html`<label class="field"
          ><span>${t('contact.idNumber')}</span
          ><input name="idNumber" data-testid="id-number" inputmode="numeric" autocomplete="off" required maxlength="20"
        /></label>`
      : nothing}
  `;
}

/** The filled fields, trimmed; a phone number loses its spaces and dashes ("300 123-4567"). */
export function readContact(form: HTMLFormElement): ContactForm {
  const value = (name: string) => {
    const field = form.elements.namedItem(name);
    const v = field instanceof HTMLInputElement ? field.value.trim() : '';
    return v || undefined;
  };
  return { name: value('name'), phone: value('phone')?.replace(/[\s().-]/g, ''), email: value('email'), idNumber: value('idNumber') };
}
