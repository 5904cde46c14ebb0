/**
 * The kiosk's question screens and its ticket, as pure render functions: each takes what it
 * shows and the taps it answers, so <turnero-kiosk> (kiosk-app.ts) keeps only the flow
 * (which screen, the issue request, the idle timer). They render into the kiosk's shadow
 * root and use its styles (kiosk-styles.ts).
 */
import { html, nothing, svg } from 'lit';
import type { OfficeDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { localName, getLang, t } from '@turnero/web-client/i18n';
import { readableTextColor, serviceIcon } from './icons';
import { consentText, consentVersion } from './office-texts';
import type { PrintProblem } from './printer-notice';
import type { qrPath } from './qr';
import { waitText } from './wait-text';

const PREFERENTIAL_GROUPS = ['pregnant', 'childInArms', 'disability', 'olderAdult', 'veteran'] as const;
const ID_PATTERN = /^[0-9A-Za-z-]{4,20}$/;
const ID_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0'];

/** Wraps a tap handler so taps right after a screen change are ignored (the kiosk's guard). */
export type Tap = (handler: () => void) => () => void;

export function servicesScreen(all: ServiceDto[], tap: Tap, choose: (s: ServiceDto) => void, back: () => void) {
  const services = all.filter((s) => s.active).sort((a, b) => a.sortOrder - b.sortOrder);
  return html`
    <h1>${t('kiosk.chooseService')}</h1>
    ${services.length === 0 ? html`<p class="message">${t('kiosk.noServices')}</p>` : nothing}
    <div class="tiles">
      ${services.map(
        (s) => html`<button
          class="tile"
          data-service=${s.id}
          style="background:${s.color};color:${readableTextColor(s.color)}"
          @click=${tap(() => choose(s))}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
            ${serviceIcon(s.icon, s.prefix)}
          </svg>
          <span class="tile-name">${localName(s)}</span>
        </button>`,
      )}
    </div>
    <button class="secondary back" @click=${tap(back)}>${t('kiosk.back')}</button>
  `;
}

export function preferentialScreen(tap: Tap, choose: (preferential: boolean) => void, back: () => void) {
  return html`
    <h1>${t('kiosk.preferential')}</h1>
    <p class="hint">${t('kiosk.preferentialHint')}</p>
    <div class="choices">
      ${PREFERENTIAL_GROUPS.map(
        (g) => html`<button class="choice" data-group=${g} @click=${tap(() => choose(true))}>${t(`kiosk.pref.${g}`)}</button>`,
      )}
    </div>
    <button class="primary wide" data-testid="general" @click=${tap(() => choose(false))}>${t('kiosk.pref.no')}</button>
    <button class="secondary back" @click=${tap(back)}>${t('kiosk.back')}</button>
  `;
}

/** What the optional ID-number screen shows and answers. */
export interface IdScreen {
  office: OfficeDto;
  customerId: string;
  consent: boolean;
  tap: Tap;
  /** The field's new value (already cleaned), typed or from the keypad. */
  setCustomerId: (value: string) => void;
  setConsent: (consent: boolean) => void;
  issue: (withId: boolean) => void;
  back: () => void;
}

export function idScreen(s: IdScreen) {
  const valid = ID_PATTERN.test(s.customerId);
  const typeKey = (key: string) => {
    if (key === 'del') s.setCustomerId(s.customerId.slice(0, -1));
    else if (s.customerId.length < 20) s.setCustomerId(s.customerId + key);
  };
  return html`
    <h1>${t('kiosk.idTitle')}</h1>
    <button class="primary wide" data-testid="skip-id" @click=${s.tap(() => s.issue(false))}>${t('kiosk.skipId')}</button>
    <p class="hint">${t('kiosk.idHint')}</p>
    <label class="id-field">
      <span>${t('kiosk.idLabel')}</span>
      <input
        inputmode="numeric"
        autocomplete="off"
        maxlength="20"
        .value=${s.customerId}
        @input=${(e: Event) => s.setCustomerId((e.target as HTMLInputElement).value.replace(/[^0-9A-Za-z-]/g, ''))}
      />
    </label>
    <div class="keypad">
      ${ID_KEYS.map(
        (k) => html`<button class="key" @click=${() => typeKey(k)} aria-label=${k === 'del' ? t('kiosk.delete') : k}>${k === 'del' ? '⌫' : k}</button>`,
      )}
    </div>
    ${s.customerId && !valid ? html`<p class="warning">${t('kiosk.idInvalid')}</p>` : nothing}
    <p class="consent" data-testid="consent" data-version=${consentVersion(s.office)}>${consentText(s.office, getLang())}</p>
    <label class="consent-check">
      <input type="checkbox" .checked=${s.consent} @change=${(e: Event) => s.setConsent((e.target as HTMLInputElement).checked)} />
      <span>${t('kiosk.consentAccept')}</span>
    </label>
    <div class="row">
      <button class="secondary" @click=${s.tap(s.back)}>${t('kiosk.back')}</button>
      <button class="secondary" ?disabled=${!valid || !s.consent} @click=${s.tap(() => s.issue(true))}>${t('kiosk.withId')}</button>
    </div>
  `;
}

/** The ticket as the customer takes it: code, service, figures, the print state and the live page's QR. */
export function ticketScreen(
  ticket: TicketDto,
  serviceName: string,
  problem: PrintProblem | null,
  qr: ReturnType<typeof qrPath>,
  done: () => void,
) {
  return html`
    <div class="ticket" @click=${done} data-testid="ticket">
      <p class="label">${t('kiosk.yourTicket')}</p>
      <p class="code" data-testid="ticket-code">${ticket.code}</p>
      <p class="service">${serviceName}</p>
      ${ticket.category === 'preferential'
        ? html`<p class="preferential-mark" data-testid="preferential-mark">${t('kiosk.preferentialTicket')}</p>`
        : nothing}
      <dl class="figures">
        <div><dt>${t('kiosk.peopleAhead')}</dt><dd data-testid="people-ahead">${ticket.position ?? 0}</dd></div>
        <div><dt>${t('kiosk.estimatedWait')}</dt><dd data-testid="estimated-wait">${waitText(ticket)}</dd></div>
      </dl>
      ${problem
        ? html`<p class="warning big" role="alert" data-testid="print-problem">${t(`kiosk.printProblem.${problem}`)}</p>`
        : html`<p class="hint" data-testid="print-hint">${t(ticket.printState === 'sent' ? 'kiosk.printingSent' : 'kiosk.printing')}</p>`}
      <figure class="qr">
        <svg viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label=${t('kiosk.scanToFollow')} data-testid="qr">
          <rect width="100%" height="100%" fill="#fff"></rect>
          ${svg`<path d=${qr.d} fill="#000"></path>`}
        </svg>
        <figcaption>${t('kiosk.scanToFollow')}</figcaption>
      </figure>
      <button class="primary">${t('kiosk.done')}</button>
    </div>
  `;
}
