/**
 * Styles every component shares. Sizes are in rem so the meeting-room mode (a larger root
 * font size) scales the whole dashboard; colours keep at least 4.5:1 contrast on white.
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    color: var(--hq-text, #1b1f24);
  }
  * {
    box-sizing: border-box;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    min-height: 2.25rem;
    padding: 0.35rem 0.9rem;
    border: 1px solid var(--hq-primary, #0a4f8f);
    border-radius: 0.4rem;
    background: #fff;
    color: var(--hq-primary, #0a4f8f);
  }
  button.primary {
    background: var(--hq-primary, #0a4f8f);
    color: #fff;
  }
  button:hover {
    background: var(--hq-primary-soft, #e3eefa);
  }
  button.primary:hover {
    background: var(--hq-primary-dark, #083d6e);
  }
  :focus-visible {
    outline: 3px solid var(--hq-focus, #c05600);
    outline-offset: 2px;
  }
  input,
  select {
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--hq-border-strong, #6b7480);
    border-radius: 0.35rem;
    background: #fff;
  }
  .card {
    background: #fff;
    border: 1px solid var(--hq-border, #c9d0da);
    border-radius: 0.6rem;
    padding: 1rem 1.25rem;
    margin-bottom: 1rem;
  }
  h2,
  h3 {
    margin: 0 0 0.75rem;
    line-height: 1.2;
  }
  h2 {
    font-size: 1.35rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  .muted {
    color: var(--hq-muted, #4a5260);
  }
  .error {
    color: var(--hq-danger, #a4141b);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.5rem;
    border-radius: 1rem;
    font-size: 0.85rem;
    font-weight: 600;
    margin-right: 0.25rem;
    white-space: nowrap;
  }
  .badge.danger {
    background: #fde8e8;
    color: #8a1016;
  }
  .badge.ok {
    background: #e3f4e8;
    color: #1d5b2c;
  }
  .badge.warn {
    background: #fff1d6;
    color: #6b3a00;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 0.75rem;
  }
  .toolbar h2,
  .toolbar h3 {
    margin: 0;
  }
  /* Headline tiles of the live views. */
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 1rem;
    margin-bottom: 1rem;
  }
  .tile {
    background: #fff;
    border: 1px solid var(--hq-border, #c9d0da);
    border-radius: 0.6rem;
    padding: 0.9rem 1.1rem;
  }
  .tile .value {
    display: block;
    font-size: 2.4rem;
    font-weight: 700;
    line-height: 1.1;
  }
  .tile.alert .value {
    color: var(--hq-danger, #a4141b);
  }
  label.check {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
  }
  label.check input {
    width: 1.2rem;
    height: 1.2rem;
    min-height: 0;
  }
`;
