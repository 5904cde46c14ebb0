/**
 * The same-run baseline: a bare socket.io server with nothing behind it (no tokens, no
 * database, no message log) on the same /link namespace. On `{ cmd: 'broadcast', headSeq }`
 * from its parent it emits one `link:pending` to every connected socket. Listens on PORT
 * (0: any), prints "listening on <url>". Started by bare-server.ts, never on its own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LINK_NAMESPACE, type LinkServerToOffice } from '@turnero/contract/hq-link';

const http = createServer();
const io = new Server<Record<string, never>, LinkServerToOffice>(http, { transports: ['websocket'] });
const links = io.of(LINK_NAMESPACE);

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});

process.on('message', (m: { cmd: 'broadcast'; headSeq: number }) => {
  links.emit('link:pending', { headSeq: m.headSeq });
  process.send!({ sent: true });
});
process.on('disconnect', () => process.exit(0));
