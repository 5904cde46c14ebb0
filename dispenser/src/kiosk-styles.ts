import { css } from 'lit';

/**
 * Touch kiosk: big targets (>= 88 px), high contrast (white on near-black, AAA text),
 * sizes in vmin so one stylesheet fits 1080x1920 portrait and 1920x1080 landscape.
 */
export const kioskStyles = css`
  :host {
    --bg: #0a1224;
    --panel: #15213d;
    --text: #ffffff;
    --muted: #d5ddef;
    --accent: #ffd400;
    --warn-bg: #fff3c4;
    --warn-text: #3a2a00;
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    background: var(--bg);
    color: var(--text);
    font-family: system-ui, 'DejaVu Sans', Arial, sans-serif;
    font-size: clamp(20px, 3.2vmin, 40px);
    user-select: none;
    -webkit-user-select: none;
    touch-action: manipulation;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1em;
    padding: 0.6em 1em;
    background: var(--panel);
  }
  .office {
    flex: 1;
    font-weight: 700;
  }
  .offline {
    background: #ffd6d6;
    color: #5a0000;
    border-radius: 0.4em;
    padding: 0.2em 0.6em;
    font-size: 0.8em;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 0.5em;
    min-height: 88px;
    min-width: 88px;
    padding: 0.5em 1em;
  }
  button:focus-visible {
    outline: 4px solid var(--accent);
    outline-offset: 3px;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .lang {
    background: transparent;
    color: var(--text);
    border: 2px solid var(--muted);
    min-height: 64px;
  }
  main {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 3vmin;
    padding: 4vmin;
    box-sizing: border-box;
  }
  .center {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 4vmin;
    text-align: center;
  }
  h1 {
    font-size: 2em;
    margin: 0;
    text-align: center;
  }
  .welcome h1 {
    font-size: 3em;
  }
  .primary {
    background: var(--accent);
    color: #000;
    border: none;
    font-weight: 800;
  }
  .primary.huge {
    font-size: 1.8em;
    padding: 0.8em 2em;
  }
  .primary.wide {
    width: min(100%, 900px);
    font-size: 1.3em;
  }
  .secondary {
    background: transparent;
    color: var(--text);
    border: 3px solid var(--muted);
  }
  .back {
    margin-top: auto;
  }
  .hint {
    color: var(--muted);
    margin: 0;
    text-align: center;
  }
  .message {
    font-size: 1.4em;
    max-width: 28em;
    margin: 0;
  }
  .warning {
    background: var(--warn-bg);
    color: var(--warn-text);
    padding: 0.6em 1em;
    border-radius: 0.5em;
    max-width: 30em;
    text-align: center;
    margin: 0;
  }
  .warning.big {
    font-size: 1.2em;
    font-weight: 700;
  }
  /* The tiles share the room between the title and the back button: one column of wide
     tiles on a portrait kiosk, two on a landscape one, so long names wrap between words
     (never inside one) at a size read from a metre away. */
  .tiles {
    flex: 1;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 640px), 1fr));
    grid-auto-rows: minmax(160px, 1fr);
    gap: 3vmin;
    width: 100%;
  }
  .tile {
    display: flex;
    align-items: center;
    gap: 0.8em;
    border: 3px solid rgba(255, 255, 255, 0.6);
    font-size: clamp(32px, 4.4vmin, 64px);
    font-weight: 700;
    text-align: left;
    overflow-wrap: normal;
    word-break: normal;
    hyphens: manual;
  }
  .tile .icon {
    width: 2.6em;
    height: 2.6em;
    flex: none;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr));
    gap: 2vmin;
    width: 100%;
  }
  .choice {
    background: var(--panel);
    color: var(--text);
    border: 3px solid var(--muted);
    min-height: 120px;
    font-weight: 700;
  }
  .id-field {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
    width: min(100%, 700px);
  }
  .id-field input {
    font: inherit;
    font-size: 1.4em;
    padding: 0.3em 0.5em;
    border-radius: 0.3em;
    border: 3px solid var(--muted);
    background: #fff;
    color: #000;
    letter-spacing: 0.1em;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 1.5vmin;
    width: min(100%, 560px);
  }
  .key {
    background: var(--panel);
    color: var(--text);
    border: 2px solid var(--muted);
    font-size: 1.3em;
    font-weight: 700;
  }
  .consent {
    font-size: 0.75em;
    color: var(--muted);
    max-width: 46em;
    margin: 0;
  }
  .consent-check {
    display: flex;
    align-items: center;
    gap: 0.6em;
  }
  .consent-check input {
    width: 48px;
    height: 48px;
  }
  .row {
    display: flex;
    gap: 3vmin;
    flex-wrap: wrap;
    justify-content: center;
  }
  .ticket {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2vmin;
    text-align: center;
    width: 100%;
  }
  .ticket p {
    margin: 0;
  }
  .ticket .label {
    font-size: 1.3em;
    color: var(--muted);
  }
  .ticket .code {
    font-size: clamp(96px, 20vmin, 320px);
    font-weight: 900;
    color: var(--accent);
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  .ticket .service {
    font-size: 1.4em;
    font-weight: 700;
  }
  .ticket .preferential-mark {
    font-size: 1.3em;
    font-weight: 800;
    background: var(--accent);
    color: #000;
    border-radius: 0.4em;
    padding: 0.2em 0.8em;
  }
  .figures {
    display: flex;
    gap: 6vmin;
    margin: 0;
  }
  .figures div {
    display: flex;
    flex-direction: column-reverse;
  }
  .figures dt {
    color: var(--muted);
  }
  .figures dd {
    margin: 0;
    font-size: 1.8em;
    font-weight: 800;
  }
  .qr {
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.4em;
  }
  .qr svg {
    width: clamp(180px, 26vmin, 380px);
    height: auto;
    border-radius: 8px;
  }
  .qr figcaption {
    color: var(--muted);
  }
  @media (orientation: landscape) {
    .ticket {
      display: grid;
      grid-template-columns: 1fr auto;
      grid-auto-flow: row;
      column-gap: 6vmin;
      align-content: center;
      justify-items: center;
    }
    .ticket .qr svg {
      width: clamp(240px, 40vmin, 480px);
    }
    .ticket .qr {
      grid-column: 2;
      grid-row: 1 / span 6;
    }
  }
`;
