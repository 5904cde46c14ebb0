/** The agent desk's layout: one column on a phone, work and waiting list side by side from 900px. */
import { css } from 'lit';
import { baseStyles, pageStyles } from '../shared-styles';

export const deskStyles = [
  baseStyles,
  pageStyles,
  css`
    main {
      grid-template-columns: minmax(0, 1fr);
      max-width: 1200px;
      margin: 0 auto;
    }
    @media (min-width: 900px) {
      main.work {
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      }
      main.work .side {
        grid-row: span 3;
      }
    }
    .current .code {
      font-size: 3rem;
      font-weight: 800;
      letter-spacing: 0.03em;
      line-height: 1;
    }
    .actions {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
      gap: 0.5rem;
    }
    .actions button {
      min-height: 3.5rem;
      font-size: 1.05rem;
      font-weight: 600;
    }
    .actions button.main {
      grid-column: 1 / -1;
      min-height: 4.5rem;
      font-size: 1.35rem;
    }
    .shortcuts {
      font-size: 0.85rem;
    }
    /* A touch screen has no keyboard: its shortcut hints are noise there. */
    @media (pointer: coarse) {
      .shortcuts,
      .actions kbd {
        display: none;
      }
    }
    .why {
      border-left: 4px solid var(--c-primary);
      padding-left: 0.5rem;
    }
    .stats {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .stats div {
      background: var(--c-bg);
      border-radius: 6px;
      padding: 0.4rem 0.5rem;
    }
    .stats dt {
      font-size: 0.8rem;
      color: var(--c-muted);
    }
    .stats dd {
      margin: 0;
      font-size: 1.3rem;
      font-weight: 700;
    }
  `,
];
