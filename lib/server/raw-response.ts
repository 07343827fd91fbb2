import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Answers on a raw socket (a refused upgrade or CONNECT) with a JSON body and
 * closes the connection; a client that keeps its half open does not keep the
 * socket.
 */
export function endSocketWithJSON(socket: Duplex, code: number, body: string) {
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? "Error"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 1_000).unref();
}
