import { transports } from 'engine.io';

interface RawSocket {
  cork(): void;
  uncork(): void;
}
interface WsTransport {
  socket?: { _socket?: Partial<RawSocket> };
}
type Send = (this: WsTransport, packets: unknown[]) => void;

const MARK = Symbol.for('heimplatzboerse.coalescedWebSocketWrites');

/**
 * One write system call for the packets a WebSocket connection sends together.
 *
 * A committed change fans out to many search rooms at once: at 150,000 units one change of a unit
 * sends a connected caseworker several events, and socket.io hands each to the transport as its own
 * WebSocket frame, which ws writes with its own system call (ws corks the TCP socket only within
 * one frame). The packets that wait while the first is written are handed over together
 * (engine.io's write buffer); this wraps the WebSocket transport's `send` so that the TCP socket is
 * corked for that loop and uncorked after it: Node then writes all the frames with one `writev`.
 * Nothing about the frames changes (same order, same bytes, same callbacks); only how many system
 * calls carry them. Written here because socket.io, engine.io and ws have no option to batch frames
 * (socket.io's packets are sent one `ws.send` each; a batching protocol of our own would change the
 * event stream that clients, and the API's users, read).
 *
 * Installed once per process; returns whether the wrap is in place (false if engine.io's WebSocket
 * transport no longer has the shape it relies on: then packets go out as before).
 */
export function coalesceWebSocketWrites(): boolean {
  const proto = transports.websocket?.prototype as unknown as (Record<symbol, boolean> & { send?: Send }) | undefined;
  if (!proto || typeof proto.send !== 'function') return false;
  if (proto[MARK]) return true;
  const send = proto.send;
  proto.send = function coalescedSend(this: WsTransport, packets: unknown[]) {
    const raw = this.socket?._socket;
    if (packets.length < 2 || typeof raw?.cork !== 'function' || typeof raw.uncork !== 'function') return send.call(this, packets);
    raw.cork();
    try {
      send.call(this, packets);
    } finally {
      raw.uncork();
    }
  };
  proto[MARK] = true;
  return true;
}
