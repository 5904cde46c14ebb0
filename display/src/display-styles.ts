import { css } from 'lit';

/** High contrast, readable from across a hall; landscape grid, stacked in portrait. */
export const displayStyles = css`
  :host {
    --bg: #07101f;
    --panel: #101c33;
    --text: #ffffff;
    --muted: #c9d3e6;
    --accent: #ffd400;
    --ok: #3ddc84;
    display: grid;
    grid-template-rows: auto 1fr auto;
    height: 100vh;
    width: 100vw;
    overflow: hidden;
    background: var(--bg);
    color: var(--text);
    font-family: system-ui, 'DejaVu Sans', Arial, sans-serif;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2vw;
    padding: 1.2vh 2vw;
    background: var(--panel);
  }
  .office {
    font-size: clamp(24px, 3.2vh, 48px);
    margin: 0;
    flex: 1;
  }
  .clock {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
  }
  .time {
    font-size: clamp(28px, 4.5vh, 64px);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .date {
    font-size: clamp(16px, 2vh, 28px);
    color: var(--muted);
  }
  .offline {
    font-size: clamp(14px, 1.6vh, 22px);
    color: #ffb4b4;
    border: 1px solid #ffb4b4;
    border-radius: 999px;
    padding: 0.3em 0.8em;
  }
  main {
    display: grid;
    grid-template-columns: 2fr 1fr;
    grid-template-rows: 3fr 2fr;
    grid-template-areas: 'current recent' 'queues announcement';
    gap: 1.5vh 1.5vw;
    padding: 1.5vh 1.5vw;
    min-height: 0;
  }
  section {
    background: var(--panel);
    border-radius: 16px;
    padding: 1.5vh 1.5vw;
    min-height: 0;
    overflow: hidden;
  }
  h2 {
    margin: 0 0 1vh;
    font-size: clamp(20px, 2.6vh, 40px);
    color: var(--muted);
    font-weight: 600;
  }
  .current {
    grid-area: current;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    align-content: center;
    column-gap: 3vw;
    text-align: center;
    border: 6px solid transparent;
  }
  .current .label {
    width: 100%;
    font-size: clamp(24px, 4vh, 56px);
    color: var(--muted);
  }
  .current .code {
    font-size: clamp(80px, 17vh, 260px);
    font-weight: 800;
    color: var(--accent);
    font-variant-numeric: tabular-nums;
    line-height: 1;
  }
  .current .arrow {
    font-size: clamp(48px, 10vh, 150px);
    color: var(--muted);
  }
  .current .counter {
    font-size: clamp(56px, 12vh, 180px);
    font-weight: 800;
    line-height: 1;
  }
  .current .empty {
    font-size: clamp(28px, 5vh, 72px);
    color: var(--muted);
  }
  .current.flash {
    border-color: var(--accent);
    animation: flash 1s ease-in-out 0s 6;
  }
  @keyframes flash {
    0%,
    100% {
      background: var(--panel);
    }
    50% {
      background: #3a3000;
    }
  }
  .recent {
    grid-area: recent;
  }
  .recent ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .recent li {
    display: flex;
    justify-content: space-between;
    font-size: clamp(24px, 4.6vh, 64px);
    font-weight: 700;
    padding: 0.4vh 0;
    border-bottom: 1px solid #26395e;
    font-variant-numeric: tabular-nums;
  }
  .recent li .counter {
    color: var(--muted);
  }
  .queues {
    grid-area: queues;
  }
  .queues ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr));
    gap: 1vh 2vw;
  }
  .queues li {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-size: clamp(20px, 3vh, 44px);
    line-height: 1.15;
  }
  .queues .dot {
    width: 0.8em;
    height: 0.8em;
    border-radius: 50%;
    background: var(--service-color, var(--muted));
    flex: none;
  }
  .queues .name {
    flex: 1;
  }
  .queues .count {
    min-width: 2ch;
    text-align: right;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  .announcement {
    grid-area: announcement;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    text-align: center;
    font-size: clamp(20px, 3vh, 40px);
  }
  .announcement img {
    max-width: 100%;
    max-height: 70%;
    object-fit: contain;
  }
  .ticker {
    background: var(--accent);
    color: #000;
    font-size: clamp(22px, 3.6vh, 52px);
    font-weight: 700;
    white-space: nowrap;
    overflow: hidden;
    min-height: 1.6em;
    display: flex;
    align-items: center;
  }
  .ticker-text {
    display: inline-block;
    padding-left: 100%;
    animation: ticker 30s linear infinite;
  }
  @keyframes ticker {
    to {
      transform: translateX(-100%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .ticker-text {
      animation: none;
      padding-left: 2vw;
    }
    .current.flash {
      animation: none;
    }
  }
  @media (orientation: portrait) {
    main {
      grid-template-columns: 1fr;
      /* The call and the announcement take the room their text needs (fixed shares cut
         them off at 1080x1920); the recent calls and the queues share the rest. */
      grid-template-rows: auto auto minmax(0, 1fr) auto;
      grid-template-areas: 'current' 'recent' 'queues' 'announcement';
    }
    .current .code {
      font-size: clamp(80px, 11vh, 260px);
    }
    .current .counter {
      font-size: clamp(56px, 8vh, 180px);
    }
    .queues li {
      font-size: clamp(20px, 2.2vh, 44px);
    }
    /* Six recent calls in two columns of three: one column of six did not fit the width's share of height. */
    .recent ol {
      display: grid;
      grid-template-columns: 1fr 1fr;
      column-gap: 3vw;
    }
    .recent li {
      font-size: clamp(24px, 2.8vh, 56px);
    }
  }
  .notice {
    grid-row: 1 / -1;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 10vw;
    font-size: clamp(28px, 4vh, 56px);
    text-align: center;
  }
  /* In the header's flow (it used to float over the hint text): a clear "sound off" for staff. */
  .sound {
    flex: none;
    font: inherit;
    font-size: clamp(16px, 2vh, 28px);
    padding: 0.4em 0.9em;
    border-radius: 12px;
    border: 3px solid var(--accent);
    background: #5a0000;
    color: var(--text);
    cursor: pointer;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
`;
