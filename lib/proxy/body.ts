import type { IncomingMessage } from "node:http";

/**
 * A whole small body, read before the console judges the request: "too-large"
 * past `max` (the rest is read and dropped), "gone" when the client went away
 * or was cut off mid-body (the server's request timeout answers it).
 */
export function readSmallBody(req: IncomingMessage, max: number): Promise<Buffer | "too-large" | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (d: Buffer) => {
      size += d.length;
      if (size <= max) chunks.push(d);
    });
    req.on("end", () => resolve(size > max ? "too-large" : Buffer.concat(chunks)));
    req.on("error", () => resolve("gone"));
    req.on("close", () => {
      if (!req.complete) resolve("gone");
    });
  });
}
