/** The supervisor board's layout: live queues and counters left, alerts and controls right on a wide screen. */
import { css } from 'lit';
import { baseStyles, pageStyles } from '../shared-styles';

export const boardStyles = [
  baseStyles,
  pageStyles,
  css`
    main {
      grid-template-columns: minmax(0, 1fr);
      align-items: start;
    }
    /* Narrower screens (a 1280x800 or 1366x768 laptop): one column of panels, alerts first,
       then the live queues and counters, the office controls last. Two columns there left
       the counters table too narrow for its buttons and pushed the right column over the left. */
    .col {
      display: contents;
    }
    .alerts {
      order: -1;
    }
    /* Wide screens (the 1920x1080 office screen): live queues and counters left, alerts and controls right. */
    @media (min-width: 1600px) {
      main {
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      }
      .col {
        display: grid;
        gap: 0.75rem;
        align-content: start;
        min-width: 0;
      }
      .alerts {
        order: 0;
      }
    }
    .wide {
      grid-column: 1 / -1;
    }
    .alerts ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.35rem;
    }
    .alerts li {
      border-radius: 6px;
      padding: 0.4rem 0.6rem;
      border-left: 6px solid;
    }
    .alerts li.critical {
      background: var(--c-overdue-bg);
      border-color: var(--c-danger);
    }
    .alerts li.warning {
      background: var(--c-warning-bg);
      border-color: #b38600;
    }
    .alerts li.info {
      background: #e7eef7;
      border-color: var(--c-primary);
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0.5rem;
    }
    .tile {
      border-radius: 8px;
      border: 1px solid var(--c-border);
      padding: 0.5rem 0.75rem;
      border-top: 6px solid var(--svc, var(--c-primary));
    }
    .tile .big {
      font-size: 2.2rem;
      font-weight: 800;
      line-height: 1.1;
    }
    .tile.late {
      background: var(--c-overdue-bg);
    }
    .inline-form {
      background: var(--c-bg);
      border-radius: 6px;
      padding: 0.5rem;
      margin-top: 0.35rem;
    }
    input[type='number'] {
      width: 4.5rem;
    }
    #ticker {
      width: 100%;
    }
    /* What head office owns is shown, greyed, not editable. */
    #ticker:disabled {
      background: var(--c-bg);
    }
    td.actions,
    td.ticket {
      white-space: nowrap;
    }
    .badge.calling {
      background: #fde9c8;
    }
  `,
];
