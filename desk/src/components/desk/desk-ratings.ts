import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RatingSummary } from '@turnero/contract/ratings';
import { getLocale, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { RefreshController } from '../../lib/refresh-controller';
import { api } from '../../lib/staff-session';
import { baseStyles } from '../shared-styles';
import './desk-ratings-messages';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-desk-ratings': DeskRatings;
  }
}

/** A finished ticket may be rated for a while after: the panel is read again at most this often as the queue moves. */
const QUEUE_REFRESH_MS = 10_000;
const REFRESH_MS = 60_000;

/**
 * "Calificaciones de los clientes": what customers said of this agent's service
 * (GET /api/v1/ratings/summary): average, how many, the share of 4 and 5, and the latest
 * comments, already scrubbed of personal data at the office. A supervisor or admin may
 * switch to the whole office's; the server refuses an agent that.
 */
@customElement('turnero-desk-ratings')
export class DeskRatings extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [
    baseStyles,
    css`
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        margin: 0 0 8px;
      }
      dl div {
        display: flex;
        flex-direction: column-reverse;
      }
      dd {
        margin: 0;
        font-size: 1.4em;
        font-weight: 700;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 8px;
        display: flex;
        gap: 12px;
      }
    `,
  ];

  /** Supervisors and admins may see the whole office's ratings. */
  @property({ type: Boolean }) mayManage = false;
  /** Changes when the queue moves (the snapshot's seq): the panel is read again. */
  @property({ type: Number }) seq = 0;

  @state() private _scope: 'mine' | 'office' = 'mine';
  @state() private _summary: RatingSummary | null = null;
  @state() private _failed = false;
  private readonly _refresh = new RefreshController(this, () => this._load(), { everyMs: REFRESH_MS, queueMs: QUEUE_REFRESH_MS });

  override updated(): void {
    this._refresh.queueMoved(this.seq);
  }

  private async _load(): Promise<void> {
    try {
      this._summary = await api.get<RatingSummary>(`/ratings/summary?scope=${this._scope}`);
      this._failed = false;
    } catch {
      this._failed = true;
    }
  }

  private _choose(scope: 'mine' | 'office'): void {
    this._scope = scope;
    this._summary = null;
    void this._refresh.now();
  }

  override render() {
    return html`${this.mayManage ? this._scopePicker() : ''}${this._body()}`;
  }

  private _scopePicker() {
    return html`<fieldset>
      <legend class="muted">${t('ratings.scope')}</legend>
      ${(['mine', 'office'] as const).map(
        (scope) => html`<label
          ><input type="radio" name="scope" value=${scope} .checked=${this._scope === scope} @change=${() => this._choose(scope)} />
          ${t(`ratings.${scope}`)}</label
        >`,
      )}
    </fieldset>`;
  }

  private _body() {
    const s = this._summary;
    if (this._failed && !s) return html`<p class="offline" role="status">${t('ratings.loadFailed')}</p>`;
    if (!s) return html`<p class="muted">${t('common.loading')}</p>`;
    if (s.count === 0) return html`<p class="muted" data-testid="ratings-none">${t('ratings.none')}</p>`;
    return html`
      <dl data-testid="ratings-figures">
        <div><dt>${t('ratings.average')}</dt><dd data-testid="ratings-average">${s.average!.toLocaleString(getLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</dd></div>
        <div><dt>${t('ratings.count')}</dt><dd data-testid="ratings-count">${s.count}</dd></div>
        <div><dt>${t('ratings.highShare')}</dt><dd>${s.highShare === null ? '—' : `${Math.round(s.highShare * 100)} %`}</dd></div>
      </dl>
      ${s.recent.length
        ? html`<table aria-label=${t('ratings.recent')}>
            <thead>
              <tr>
                <th scope="col">${t('ratings.score')}</th>
                <th scope="col">${t('common.service')}</th>
                <th scope="col">${t('ratings.comment')}</th>
              </tr>
            </thead>
            <tbody>
              ${s.recent.map(
                (r) => html`<tr>
                  <td>${t('ratings.outOf5', { score: r.score })}</td>
                  <td>${r.serviceName}</td>
                  <td>${r.comment}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : ''}
    `;
  }
}
