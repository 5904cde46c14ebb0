/**
 * The office's configuration changes, central and local, latest first: who (head office, or
 * a person of this office), when, what, and each field before and after.
 */
import { LitElement, html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConfigAuditDto, CounterDto, UserDto } from '@turnero/contract/dto';
import { getLocale, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { fieldChanges, subjectName } from '../lib/audit-changes';
import { errorText } from '../lib/error-text';
import { api } from '../lib/staff-session';
import '../lib/messages';
import { baseStyles } from './shared-styles';
import { tableHead } from './table-head';

const HQ_ACTOR = 'hq';

/** The action in words; one the catalogue does not know yet is shown as its code. */
function actionText(action: string): string {
  const key = `audit.action.${action}`;
  const text = t(key);
  return text === key ? action : text;
}

@customElement('turnero-admin-audit')
export class AdminAudit extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [
    baseStyles,
    css`
      ul {
        margin: 0;
        padding-left: 1rem;
      }
      td {
        vertical-align: top;
      }
    `,
  ];

  /** The office's zone: times are the office's, not the browser's. */
  @property() timeZone?: string;

  @state() private entries: ConfigAuditDto[] | null = null;
  /** Names of the office's people and counters, by id. */
  @state() private names = new Map<string, string>();
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [entries, users, counters] = await Promise.all([
        api.get<ConfigAuditDto[]>('/admin/config-audit?limit=200'),
        api.get<UserDto[]>('/admin/users'),
        api.get<CounterDto[]>('/counters'),
      ]);
      // Rows name people and counters by id: the page shows their names.
      this.names = new Map([...users.map((u) => [u.id, u.displayName] as const), ...counters.map((c) => [c.id, c.name] as const)]);
      this.entries = entries;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  override render() {
    const when = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short', timeZone: this.timeZone });
    return html`<section class="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">${t('audit.title')}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${!this.entries
        ? html`<p class="muted" role="status">${t('common.loading')}</p>`
        : this.entries.length === 0
          ? html`<p class="muted">${t('audit.empty')}</p>`
          : html`<table>
              ${tableHead(['audit.when', 'audit.who', 'audit.what', 'audit.changes'])}
              <tbody>
                ${this.entries.map(
                  (e) => html`<tr data-action=${e.action} data-actor=${e.actor === HQ_ACTOR ? 'hq' : 'office'}>
                    <td>${when.format(new Date(e.at))}</td>
                    <td>${e.actor === HQ_ACTOR ? t('audit.hq', { seq: e.linkSeq ?? '—' }) : (this.names.get(e.actor) ?? e.actor)}</td>
                    <td>${actionText(e.action)}: ${subjectName(e)}</td>
                    <td>
                      <ul>
                        ${fieldChanges(e, (v) => this.names.get(v)).map((c) => html`<li><strong>${c.field}</strong>: ${c.before} → ${c.after}</li>`)}
                      </ul>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'turnero-admin-audit': AdminAudit;
  }
}
