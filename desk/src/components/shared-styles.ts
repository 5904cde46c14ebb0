/** Styles shared by the desk, board and admin components (system fonts only: offline machines). */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --c-bg: #f4f6f8;
    --c-panel: #ffffff;
    --c-text: #1b1f24;
    --c-muted: #4a5563;
    --c-border: #c9d1da;
    --c-primary: #0b5cad;
    --c-primary-text: #ffffff;
    --c-danger: #a4161a;
    --c-warning-bg: #fff4ce;
    --c-warning: #6b4e00;
    --c-ok: #1d6b34;
    --c-overdue-bg: #fde2e1;
    display: block;
    color: var(--c-text);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif;
    font-size: 16px;
    line-height: 1.4;
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.2;
  }
  h1 {
    font-size: 1.3rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--c-border);
    background: var(--c-panel);
    color: var(--c-text);
    padding: 0.45rem 0.8rem;
    min-height: 2.5rem;
  }
  button.primary {
    background: var(--c-primary);
    color: var(--c-primary-text);
    border-color: var(--c-primary);
  }
  button.danger {
    color: var(--c-danger);
    border-color: var(--c-danger);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid #6b7785;
    border-radius: 4px;
    background: #fff;
    color: var(--c-text);
    max-width: 100%;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.5rem 0 0.2rem;
  }
  .panel {
    background: var(--c-panel);
    border: 1px solid var(--c-border);
    border-radius: 8px;
    padding: 0.75rem;
  }
  .muted {
    color: var(--c-muted);
  }
  .error {
    background: var(--c-overdue-bg);
    color: var(--c-danger);
    border: 1px solid var(--c-danger);
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .notice {
    background: #e3f1e6;
    color: var(--c-ok);
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .offline {
    background: var(--c-warning-bg);
    color: var(--c-warning);
    border-radius: 6px;
    padding: 0.35rem 0.6rem;
    font-size: 0.9rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid var(--c-border);
    vertical-align: middle;
  }
  th {
    font-size: 0.85rem;
    color: var(--c-muted);
  }
  tr.overdue td {
    background: var(--c-overdue-bg);
  }
  kbd {
    font-family: ui-monospace, monospace;
    font-size: 0.75rem;
    border: 1px solid currentColor;
    border-radius: 3px;
    padding: 0 0.25rem;
    margin-left: 0.35rem;
    opacity: 0.85;
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0.05rem 0.5rem;
    font-size: 0.8rem;
    border: 1px solid var(--c-border);
    background: #eef1f4;
    color: var(--c-text);
  }
  .badge.serving {
    background: #dcebfb;
  }
  .badge.idle {
    background: #e3f1e6;
  }
  .badge.paused {
    background: var(--c-warning-bg);
  }
  .badge.overdue {
    background: var(--c-danger);
    color: #fff;
    border-color: var(--c-danger);
  }
  /* Read by screen readers, not drawn: no padding, border or margin may widen the box (a
     legend's own padding made a 4 px sliver that the radio buttons beside it covered). */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    border: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  header.bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 0.75rem;
    background: #12263f;
    color: #fff;
  }
  header.bar h1 {
    margin: 0;
    font-size: 1.1rem;
  }
  header.bar button {
    background: transparent;
    color: #fff;
    border-color: #8aa0b8;
    min-height: 2rem;
    padding: 0.2rem 0.6rem;
  }
  header.bar a {
    color: #fff;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
`;

/** The desk, board and admin pages: full height on the page colour, panels on a grid. */
export const pageStyles = css`
  :host {
    min-height: 100vh;
    background: var(--c-bg);
  }
  main {
    padding: 0.75rem;
    display: grid;
    gap: 0.75rem;
  }
`;
