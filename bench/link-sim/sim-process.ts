/**
 * The simulated offices' process: holds many SimLinks (thousands of socket.io clients)
 * apart from head office, so the head office process pays only for its own side. Driven
 * by its parent over IPC (protocol.ts); started by simulator.ts, never on its own.
 */
import type { LinkEvent, SimCommand, SimReport } from './protocol';
import { SimLink } from './sim-link';

/** Events are sent to the parent in batches, at most this long after they happen. */
const FLUSH_MS = 20;

const links = new Map<string, SimLink>();
let buffered: LinkEvent[] = [];
let flushTimer: NodeJS.Timeout | null = null;

function send(report: SimReport): void {
  process.send!(report);
}

function flush(): void {
  flushTimer = null;
  if (buffered.length === 0) return;
  send({ type: 'events', events: buffered });
  buffered = [];
}

function record(e: LinkEvent): void {
  buffered.push(e);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

async function open(c: Extract<SimCommand, { cmd: 'open' }>): Promise<void> {
  let next = 0;
  // `window` workers, each opening one link after another: a bounded first wave, not
  // thousands of handshakes at once (the reconnect storm is measured separately).
  const worker = async () => {
    while (next < c.links.length) {
      const spec = c.links[next++];
      const link = new SimLink({
        url: c.url,
        id: spec.id,
        token: spec.token,
        fetch: c.fetch,
        reconnectionDelayMs: c.reconnectionDelayMs,
        reconnectionDelayMaxMs: c.reconnectionDelayMaxMs,
        record,
      });
      links.get(spec.id)?.close();
      links.set(spec.id, link);
      await link.open();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, c.window) }, worker));
  flush();
  send({ type: 'opened', count: c.links.length });
}

process.on('message', (c: SimCommand) => {
  if (c.cmd === 'open') void open(c);
  else if (c.cmd === 'close') {
    for (const id of c.ids ?? [...links.keys()]) {
      links.get(id)?.close();
      links.delete(id);
    }
    flush();
    send({ type: 'closed' });
  } else if (c.cmd === 'exit') {
    for (const link of links.values()) link.close();
    flush();
    process.exit(0);
  }
});
// The parent went away: nothing left to report to.
process.on('disconnect', () => process.exit(0));
