/** Plain tables and forms of the configuration pages (the figure tables have their own). */
import { css } from 'lit';

export const tableStyles = css`
  .scroller {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid var(--hq-border, #c9d0da);
    text-align: left;
    vertical-align: middle;
  }
  thead th {
    background: #eef2f7;
  }
  .notice {
    color: #1d5b2c;
    font-weight: 600;
  }
  dl.status {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.4rem 1rem;
    align-items: center;
  }
  dl.status dt {
    font-weight: 600;
  }
  dl.status dd {
    margin: 0;
  }
  form.fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  form.fields label {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    font-weight: 600;
    font-size: 0.95rem;
  }
  form.fields input,
  form.fields select {
    font-weight: 400;
  }
`;
