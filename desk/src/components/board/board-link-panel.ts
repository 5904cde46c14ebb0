/**
 * The office's live link to head office on the supervisor board: a quiet line while it is
 * connected, a warning box that says the office keeps working on its last configuration
 * while it is not. Data: the `link` of GET /api/v1/sync and of `sync:updated`.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { OfficeLinkStatus } from '@turnero/contract/hq-link';
import { formatDuration, formatTime, secondsSince } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import '../../lib/messages';
import { baseStyles } from '../shared-styles';

@customElement('turnero-board-link')
export class BoardLinkPanel extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [
    baseStyles,
    css`
      .down {
        background: var(--c-warning-bg);
        color: var(--c-warning);
        border-left: 6px solid #b38600;
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        margin: 0 0 0.5rem;
      }
      .down strong {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.75rem;
        margin: 0;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  /** Null until the office's sync state has loaded. */
  @property({ attribute: false }) link: OfficeLinkStatus | null = null;
  /** The office's zone: times are the office's, not the browser's. */
  @property() timeZone = 'America/Bogota';
  @property({ attribute: false }) now: Date = new Date();

  override render() {
    const link = this.link;
    return html`<section class="panel" aria-labelledby="link-title" data-testid="hq-link" data-state=${link?.state ?? 'loading'}>
      <h2 id="link-title">${t('link.title')}</h2>
      ${!link ? html`<p class="muted">${t('common.loading')}</p>` : link.state === 'disabled' ? html`<p class="muted">${t('link.disabled')}</p>` : this.details(link)}
    </section>`;
  }

  private details(link: OfficeLinkStatus) {
    const since = link.since ? t('link.since', { time: formatTime(link.since, this.timeZone), ago: formatDuration(secondsSince(link.since, this.now)) }) : '';
    const version = link.configVersion > 0 ? t('link.version', { version: link.configVersion }) : t('link.noVersion');
    return html`${link.state === 'connected'
        ? html`<p><span class="badge idle" data-testid="link-state">${t('link.connected')}</span> ${since}</p>`
        : html`<div class="down" role="status">
            <strong data-testid="link-state">${t(link.state === 'connecting' ? 'link.connecting' : 'link.disconnected')} ${since}</strong>
            ${t('link.keepsWorking', { version })}
          </div>`}
      <dl>
        <dt>${t('link.config')}</dt>
        <dd data-testid="link-version">${version}</dd>
        <dt>${t('link.lastApplied')}</dt>
        <dd>${link.lastAppliedSeq > 0 && link.lastAppliedAt
          ? t('link.applied', { seq: link.lastAppliedSeq, time: formatTime(link.lastAppliedAt, this.timeZone) })
          : t('common.none')}</dd>
        ${link.lastError && link.state !== 'connected' ? html`<dt>${t('board.syncError')}</dt><dd>${link.lastError}</dd>` : ''}
      </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'turnero-board-link': BoardLinkPanel;
  }
}
