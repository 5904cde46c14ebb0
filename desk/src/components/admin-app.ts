import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '@turnero/web-client/i18n';
import { SERVICE_ICON_NAMES, serviceIcon } from '@turnero/web-client/service-icons';
import type { CounterDto, DeviceDto } from '@turnero/contract/dto';
import { PASSWORD_MIN_LENGTH } from '@turnero/contract/password-policy';
import { deviceUrl, editableFields, ENTITIES, fieldsForKind, fieldValue, formToBody, isCentral, type EntityDef, type FieldDef } from '../lib/admin-entities';
import { CommandRunner } from '../lib/command-runner';
import { errorText } from '../lib/error-text';
import { api } from '../lib/staff-session';
import { StaffSessionController } from '../lib/staff-session-controller';
import '../lib/messages';
import { baseStyles, pageStyles } from './shared-styles';
import { tableHead } from './table-head';
import './admin-audit';

type Row = Record<string, unknown> & { id: string; active?: boolean };

/**
 * Admin pages: services, counters, users and devices of the office. Create, edit,
 * deactivate; device tokens are rotated or revoked here, a new token shown once with
 * the URL to open on the device. What head office owns (catalogue services, its staff) is
 * shown read-only, saying where to change it; the office's own parts of it stay editable.
 */
@customElement('turnero-admin-app')
export class AdminApp extends LitElement {
  static override styles = [
    baseStyles,
    pageStyles,
    css`
      main {
        max-width: 1100px;
        margin: 0 auto;
      }
      nav[role='tablist'] {
        display: flex;
        gap: 0.35rem;
        flex-wrap: wrap;
      }
      nav button[aria-selected='true'] {
        background: var(--c-primary);
        color: #fff;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0 0.75rem;
      }
      .token {
        word-break: break-all;
        font-family: ui-monospace, monospace;
        background: #fff;
        padding: 0.35rem;
        border: 1px dashed var(--c-border);
      }
      td.actions {
        white-space: nowrap;
      }
      /* Big enough to see the colour and to hit it with a finger. */
      input[type='color'] {
        width: 100%;
        height: 3rem;
        padding: 0.15rem;
        cursor: pointer;
      }
      .icon-picker {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .icon-picker select {
        flex: 1;
      }
      .icon-preview {
        width: 2.75rem;
        height: 2.75rem;
        flex: none;
      }
      /* What head office owns is shown, greyed, not editable. */
      input:disabled,
      select:disabled {
        background: var(--c-bg);
      }
      .central {
        background: #e7eef7;
        border-left: 6px solid var(--c-primary);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
      }
    `,
  ];

  @state() private _tab: EntityDef = ENTITIES[0];
  /** The configuration changes tab instead of an entity's. */
  @state() private _audit = false;
  @state() private _rows: Row[] = [];
  @state() private _counters: CounterDto[] = [];
  @state() private _editing: Row | null = null;
  @state() private _shownToken: { name: string; kind: string; token: string } | null = null;
  @state() private _resetFor: Row | null = null;
  /** The icon picked in the open form, before it is saved (null: the row's own). */
  @state() private _iconChoice: string | null = null;
  /** The kind picked in a new device's form (null: the first one), which decides its kind-only fields. */
  @state() private _kindChoice: string | null = null;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('_editing') || changed.has('_tab')) {
      this._iconChoice = null;
      this._kindChoice = null;
    }
  }

  /** The kind of the row in the form: the saved one when editing, the chosen one when creating. */
  private _formKind(): string | undefined {
    if (this._editing) return typeof this._editing.kind === 'string' ? this._editing.kind : undefined;
    const kindField = this._tab.fields.find((f) => f.name === 'kind');
    const first = Array.isArray(kindField?.options) ? kindField.options[0]?.value : undefined;
    return this._kindChoice ?? first;
  }

  private _commands = new CommandRunner(this);
  private _session = new StaffSessionController(this, { page: 'admin', onSignedIn: () => this._load() });

  private async _load() {
    try {
      const [rows, counters] = await Promise.all([api.get<Row[]>(this._tab.path), api.get<CounterDto[]>('/counters')]);
      this._rows = rows;
      this._counters = counters;
    } catch (err) {
      this._commands.error = errorText(err);
      this.requestUpdate();
    }
  }

  override render() {
    return this._session.frame(() => html`<main>${this._body()}</main>`, { signOut: () => this._logout() });
  }

  private _body() {
    return html`
      <nav role="tablist" aria-label=${t('app.admin')}>
        ${ENTITIES.map(
          (e) => html`<button type="button" role="tab" aria-selected=${!this._audit && e.kind === this._tab.kind ? 'true' : 'false'}
            @click=${() => this._switch(e)}>${t(e.title)}</button>`,
        )}
        <button type="button" role="tab" aria-selected=${this._audit ? 'true' : 'false'} @click=${this._showAudit}>${t('admin.audit')}</button>
      </nav>
      ${this._commands.error ? html`<p class="error" role="alert">${this._commands.error}</p>` : ''}
      ${this._commands.notice ? html`<p class="notice" role="status">${this._commands.notice}</p>` : ''}
      ${this._audit
        ? html`<turnero-admin-audit role="tabpanel"></turnero-admin-audit>`
        : html`${this._shownToken ? this._tokenBox(this._shownToken) : ''}
            <section class="panel" role="tabpanel" aria-labelledby="list-title">
              <h2 id="list-title">${t(this._tab.title)}</h2>
              ${this._table()}
            </section>
            ${this._resetFor ? this._resetPasswordForm(this._resetFor) : ''} ${this._form()}`}
    `;
  }

  private _table() {
    const tab = this._tab;
    return html`<table>
      ${tableHead([...tab.columns.map((c) => c.label), 'common.state', 'common.actions'])}
      <tbody>
        ${this._rows.map((row) => {
          const central = isCentral(tab, row);
          return html`<tr data-row=${String(row[tab.columns[0].key] ?? row.id)} data-central=${central ? 'true' : 'false'}>
            ${tab.columns.map((c) => html`<td>${this._cell(c.key, row[c.key])}</td>`)}
            <td>${row.active === false ? t('common.inactive') : t('common.active')}</td>
            <td class="actions">
              <button type="button" @click=${() => this._edit(row)}>${central && editableFields(tab, row).length === 0 ? t('admin.view') : t('common.edit')}</button>
              ${central
                ? ''
                : html`<button type="button" ?disabled=${this._commands.busy} @click=${() => this._setActive(row, row.active === false)}>
                    ${row.active === false ? t('common.activate') : t('common.deactivate')}
                  </button>`}
              ${tab.kind === 'users' && !central
                ? html`<button type="button" @click=${() => (this._resetFor = row)}>${t('admin.resetPassword')}</button>`
                : ''}
              ${tab.kind === 'devices'
                ? html`<button type="button" ?disabled=${this._commands.busy} @click=${() => this._rotate(row)}>${t('admin.rotateToken')}</button>
                    <button type="button" class="danger" ?disabled=${this._commands.busy} @click=${() => this._revoke(row)}>${t('admin.revokeToken')}</button>`
                : ''}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private _cell(key: string, value: unknown) {
    if (key === 'role') return t(`role.${String(value)}`);
    if (key === 'kind') return t(`kind.${String(value)}`);
    if (key === 'managedBy') return value === 'hq' ? html`<span class="badge">${t('admin.byHq')}</span>` : t('admin.byOffice');
    return value === null || value === undefined ? t('common.none') : String(value);
  }

  private _form() {
    const editing = this._editing;
    const mode = editing ? 'edit' : 'create';
    const fields = fieldsForKind(this._tab.fields.filter((f) => mode === 'create' || !f.createOnly), this._formKind());
    const central = isCentral(this._tab, editing);
    const editable = new Set(editableFields(this._tab, editing).map((f) => f.name));
    return html`<form class="panel" @submit=${this._submit} aria-labelledby="form-title">
      <h2 id="form-title">${editing ? `${t(central && editable.size === 0 ? 'admin.view' : 'common.edit')}: ${String(editing[this._tab.columns[0].key] ?? '')}` : t('common.create')}</h2>
      ${central
        ? html`<p class="central" data-testid="central-note"><strong>${t('admin.centralNote')}</strong> ${t(this._tab.central!.where)}</p>`
        : ''}
      <div class="grid">${fields.map((f) => this._field(f, editing, !editable.has(f.name)))}</div>
      <p class="row">
        ${editable.size > 0
          ? html`<button class="primary" type="submit" ?disabled=${this._commands.busy}>${editing ? t('common.save') : t('common.create')}</button>`
          : ''}
        ${editing ? html`<button type="button" @click=${() => (this._editing = null)}>${editable.size > 0 ? t('common.cancel') : t('common.close')}</button>` : ''}
      </p>
    </form>`;
  }

  /** `readOnly`: head office owns the value; shown, not sent. */
  private _field(f: FieldDef, row: Row | null, readOnly = false) {
    const id = `f-${f.name}`;
    const value = fieldValue(f, row);
    const text = value === null || value === undefined ? (f.type === 'color' ? '#0b5cad' : '') : String(value);
    if (f.type === 'icon') return this._iconField(id, f, text, readOnly);
    if (f.type === 'select') {
      const options =
        f.options === 'counters'
          ? [{ value: '', label: t('common.none') }, ...this._counters.map((c) => ({ value: c.id, label: c.name }))]
          : (f.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }));
      return html`<div>
        <label for=${id}>${t(f.label)}</label>
        <select id=${id} name=${f.name} ?required=${f.required} ?disabled=${readOnly}
          @change=${(e: Event) => f.name === 'kind' && (this._kindChoice = (e.target as HTMLSelectElement).value)}>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === text}>${o.label}</option>`)}
        </select>
      </div>`;
    }
    return html`<div>
      <label for=${id}>${t(f.label)}</label>
      <input id=${id} name=${f.name} type=${f.type} .value=${text} ?required=${f.required} ?disabled=${readOnly}
        min=${f.min ?? ''} max=${f.max ?? ''} minlength=${f.minLength ?? 0} maxlength=${f.maxLength ?? 524288} pattern=${f.pattern ?? '.*'}
        autocomplete=${f.type === 'password' ? 'new-password' : 'off'} />
    </div>`;
  }

  /** A list of the icons the kiosk can draw, with the chosen one drawn next to it (free text let typos through). */
  private _iconField(id: string, f: FieldDef, saved: string, readOnly: boolean) {
    const chosen = this._iconChoice ?? (saved || 'ticket');
    return html`<div>
      <label for=${id}>${t(f.label)}</label>
      <span class="icon-picker">
        <select id=${id} name=${f.name} ?disabled=${readOnly} @change=${(e: Event) => (this._iconChoice = (e.target as HTMLSelectElement).value)}>
          ${SERVICE_ICON_NAMES.map((name) => html`<option value=${name} ?selected=${name === chosen}>${name}</option>`)}
        </select>
        <svg class="icon-preview" data-testid="icon-preview" data-icon=${chosen} viewBox="0 0 24 24" aria-hidden="true" fill="none"
          stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${serviceIcon(chosen, '?')}</svg>
      </span>
    </div>`;
  }

  private _resetPasswordForm(row: Row) {
    return html`<form class="panel" @submit=${this._resetPassword} aria-labelledby="reset-title">
      <h2 id="reset-title">${t('admin.resetPassword')}: ${String(row.username ?? '')}</h2>
      <label for="new-password">${t('admin.newPassword')}</label>
      <input id="new-password" name="password" type="password" required minlength=${PASSWORD_MIN_LENGTH} autocomplete="new-password" />
      <p class="row">
        <button class="primary" type="submit" ?disabled=${this._commands.busy}>${t('common.save')}</button>
        <button type="button" @click=${() => (this._resetFor = null)}>${t('common.cancel')}</button>
      </p>
    </form>`;
  }

  private _tokenBox(shown: { name: string; kind: string; token: string }) {
    const url = deviceUrl(location.origin, shown.kind, shown.token);
    return html`<section class="panel" role="status" data-testid="device-token">
      <p><strong>${t('admin.tokenOnce', { name: shown.name })}</strong></p>
      <p class="token">${shown.token}</p>
      <p>${t('admin.openUrl')}: <a href=${url}>${url}</a></p>
      <button type="button" @click=${() => (this._shownToken = null)}>${t('common.close')}</button>
    </section>`;
  }

  // ---------- Actions ----------

  private _showAudit = () => {
    this._audit = true;
    this._editing = null;
    this._resetFor = null;
    this._shownToken = null;
    this._commands.clear({ notice: true });
  };

  private async _switch(tab: EntityDef) {
    this._audit = false;
    this._tab = tab;
    this._editing = null;
    this._resetFor = null;
    this._shownToken = null;
    this._rows = [];
    this._commands.clear({ notice: true });
    await this._load();
  }

  private _edit(row: Row) {
    this._editing = row;
    this._resetFor = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#form-title')?.scrollIntoView());
  }

  /** Runs one command, then reloads the tab's rows. */
  private _run(fn: () => Promise<unknown>, notice: string) {
    return this._commands.run(async () => {
      await fn();
      await this._load();
    }, notice);
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    const tab = this._tab;
    const editing = this._editing;
    // Only what the office may change here is sent (the fields head office owns are disabled).
    const body = formToBody(fieldsForKind(editableFields(tab, editing), this._formKind()), form, editing ? 'edit' : 'create');
    const ok = await this._run(async () => {
      if (editing) {
        await api.patch(`${tab.path}/${editing.id}`, body);
        return;
      }
      const created = await api.post<unknown>(tab.path, body);
      if (tab.kind === 'devices') {
        const { device, token } = created as { device: DeviceDto; token: string };
        this._shownToken = { name: device.name, kind: device.kind, token };
      }
    }, editing ? t('admin.updated') : t('admin.created'));
    if (ok) {
      this._editing = null;
      this._kindChoice = null;
      formEl.reset();
    }
  }

  private _setActive(row: Row, active: boolean) {
    return this._run(() => api.patch(`${this._tab.path}/${row.id}`, { active }), t('admin.updated'));
  }

  private async _resetPassword(e: SubmitEvent) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    const row = this._resetFor!;
    const ok = await this._run(() => api.patch(`/admin/users/${row.id}`, { password }), t('admin.updated'));
    if (ok) this._resetFor = null;
  }

  private _rotate(row: Row) {
    return this._run(async () => {
      const { token } = await api.post<{ token: string }>(`/admin/devices/${row.id}/token`);
      this._shownToken = { name: String(row.name ?? ''), kind: String(row.kind ?? 'display'), token };
    }, '');
  }

  private _revoke(row: Row) {
    if (!confirm(t('admin.confirmRevoke', { name: String(row.name ?? '') }))) return;
    return this._run(() => api.delete(`/admin/devices/${row.id}/token`), t('admin.tokenRevoked'));
  }

  private async _logout() {
    await this._session.signOut();
    this._rows = [];
  }
}
