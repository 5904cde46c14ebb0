/**
 * A TCP proxy in front of the office server, so a browser test can cut a display's
 * network (every open connection reset, new ones refused) and restore it, while the
 * server itself keeps running and the test keeps talking to it directly.
 */
import net from 'node:net';
import { withDeadline } from '../../support/deadline';

export interface TcpProxy {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const cut = () => {
    down = true;
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    restore() {
      down = false;
    },
    close() {
      cut();
      return withDeadline(new Promise<void>((resolve) => server.close(() => resolve())), 10_000, 'the display proxy to close');
    },
  };
}
