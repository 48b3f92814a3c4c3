// A hostile client on a raw socket: it sends a request's first bytes at once, then one
// byte per interval, forever, and records when (and with what) the server hangs up.
import net from 'node:net';

export interface SlowClient {
  socket: net.Socket;
  /** What the server sent, as text. */
  received(): string;
  /** Resolves with the milliseconds from connect to close; rejects after the deadline. */
  closed(deadlineMs: number): Promise<number>;
  isOpen(): boolean;
  /** performance.now() of the close, or null while open. */
  closedAt(): number | null;
  destroy(): void;
}

export interface SlowClientOptions {
  port: number;
  /** The prefix sent at once: a request line and headers, possibly incomplete. */
  head: string;
  /** Sent one byte per interval after the head; an interval of 0 sends nothing more. */
  dripByte?: string;
  intervalMs?: number;
  /** A loopback source address other than 127.0.0.1, to play a distinct remote peer. */
  localAddress?: string;
}

export function openSlowClient(options: SlowClientOptions): Promise<SlowClient> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let closedAt: number | null = null;
    let data = '';
    const waiters: (() => void)[] = [];
    const socket = net.connect({ host: '127.0.0.1', port: options.port, localAddress: options.localAddress });
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined); // a reset is one way of being closed
    socket.on('close', () => {
      closedAt = performance.now();
      clearInterval(timer);
      for (const w of waiters.splice(0)) w();
    });
    socket.once('connect', () => {
      socket.write(options.head);
      const intervalMs = options.intervalMs ?? 1000;
      if (intervalMs > 0) {
        timer = setInterval(() => {
          if (!socket.destroyed && socket.writable) socket.write(options.dripByte ?? 'a');
        }, intervalMs);
      }
      resolve({
        socket,
        received: () => data,
        isOpen: () => closedAt === null,
        closedAt: () => closedAt,
        destroy: () => socket.destroy(),
        closed(deadlineMs) {
          return new Promise((res, rej) => {
            const done = () => res(Math.round(closedAt! - started));
            if (closedAt !== null) return done();
            const deadline = setTimeout(() => rej(new Error(`still open after ${deadlineMs} ms; received ${JSON.stringify(data.slice(0, 80))}`)), deadlineMs);
            waiters.push(() => {
              clearTimeout(deadline);
              done();
            });
          });
        },
      });
    });
    socket.once('error', reject);
  });
}
