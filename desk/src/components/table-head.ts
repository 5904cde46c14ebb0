import { html } from 'lit';
import { t } from '@turnero/web-client/i18n';

/** A staff table's header row: one column heading per i18n key, in the current language. */
export function tableHead(keys: readonly string[]) {
  return html`<thead>
    <tr>
      ${keys.map((key) => html`<th scope="col">${t(key)}</th>`)}
    </tr>
  </thead>`;
}
