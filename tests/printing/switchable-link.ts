/**
 * A TCP hop between the office server and a virtual printer that a test can switch to
 * "silent": connections are still accepted but nothing gets through and nothing comes
 * back, like a printer that hangs with its network card up. Switching drops the current
 * connections so the printer never sees half a command. `onSent` sees every byte that
 * goes through towards the printer (byte-tap.ts keeps them).
 */
import net from 'node:net';

export type LinkMode = 'through' | 'silent';

export interface SwitchableLink {
  readonly uri: string;
  setMode(mode: LinkMode): void;
  stop(): Promise<void>;
}

export async function startSwitchableLink(
  target: { port: number; host?: string },
  { onSent }: { onSent?: (chunk: Buffer) => void } = {},
): Promise<SwitchableLink> {
  let mode: LinkMode = 'through';
  const open = new Set<net.Socket>();

  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'silent') {
      client.resume(); // swallow everything
      return;
    }
    const upstream = net.connect({ port: target.port, host: target.host ?? '127.0.0.1' });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    if (onSent) client.on('data', onSent);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    uri: `tcp://127.0.0.1:${port}`,
    setMode(next) {
      if (next === mode) return;
      mode = next;
      for (const s of open) s.destroy();
    },
    async stop() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
