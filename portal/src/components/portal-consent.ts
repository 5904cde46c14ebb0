/**
 * The data-processing consent (Ley 1581 de 2012): the versioned text, shown in full next
 * to its checkbox, and the version the customer accepted, sent with the request.
 */
import { html } from 'lit';
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { t } from '@turnero/web-client/i18n';

export { PORTAL_CONSENT_VERSION };

export function consentField(checked: boolean, onChange: (checked: boolean) => void) {
  return html`<div class="card consent">
    <p id="consent-text" data-testid="consent-text" data-version=${PORTAL_CONSENT_VERSION}>${consentText()}</p>
    <label class="check">
      <input type="checkbox" required data-testid="consent" aria-describedby="consent-text" .checked=${checked} @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />
      <span>${t('consent.accept')}</span>
    </label>
  </div>`;
}

/** The text with its version kept on one line: a phone broke "portal-2026-12" at a hyphen. */
function consentText() {
  const [before, after = ''] = t('consent.text', { version: '\u0000' }).split('\u0000');
  return html`${before}<span style="white-space: nowrap">${PORTAL_CONSENT_VERSION}</span>${after}`;
}
