import { css } from 'lit';

/**
 * What every portal view shares: phone-first sizes, touch targets of at least 44 px
 * (WCAG 2.5.5), a visible focus ring, and text contrast of 4.5:1 or more on its background.
 */
export const portalStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.5rem;
    line-height: 1.2;
    margin: 0 0 0.75rem;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.25rem 0 0.5rem;
  }
  p {
    margin: 0.4rem 0;
  }
  a {
    color: var(--p-primary, #0a4f8f);
  }
  h2 > a {
    display: flex;
    align-items: center;
    min-height: 44px;
  }
  button,
  .button,
  input,
  select {
    font: inherit;
    min-height: 44px;
    box-sizing: border-box;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    min-width: 44px;
    padding: 0.5rem 1rem;
    border-radius: 0.5rem;
    border: 2px solid var(--p-primary, #0a4f8f);
    background: var(--p-primary, #0a4f8f);
    color: #fff;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button.secondary,
  button.secondary {
    background: #fff;
    color: var(--p-primary, #0a4f8f);
  }
  button.danger {
    background: var(--p-danger, #a4141b);
    border-color: var(--p-danger, #a4141b);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--p-focus, #c05600);
    outline-offset: 2px;
  }
  input,
  select {
    width: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--p-border, #6b7480);
    border-radius: 0.4rem;
    background: #fff;
    color: inherit;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    min-height: 1.5rem;
    height: 1.5rem;
    flex: none;
    margin: 0.1rem 0 0;
  }
  label.field {
    display: block;
    margin: 0.75rem 0;
  }
  label.field > span {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  label.check {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    min-height: 44px;
    font-weight: 600;
  }
  .hint {
    color: var(--p-muted, #4a5260);
    font-size: 0.95rem;
  }
  .card {
    background: #fff;
    border: 1px solid #c9d0da;
    border-radius: 0.75rem;
    padding: 1rem;
    margin: 0.75rem 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .alert {
    border-left: 4px solid var(--p-danger, #a4141b);
    background: #fdecec;
    padding: 0.75rem;
    border-radius: 0.4rem;
  }
  .ok {
    border-left: 4px solid var(--p-ok, #1e6b2e);
    background: #e8f5ea;
    padding: 0.75rem;
    border-radius: 0.4rem;
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
