// A sender that streams a request body with chunked transfer encoding, raw on a socket, for the
// tests of a receiver's body limit.

import { connect } from "node:net";

/** An HTTP answer: the status line's code, the content type and the body. */
export interface Reply {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/**
 * POSTs `totalBytes` in 64 KiB chunks without a Content-Length (chunked transfer encoding), as a
 * misbehaving sender streaming a huge body would, and returns the answer: the status line's code
 * and the body. Raw on a socket, so that a dropped connection shows as status 0 rather than as a
 * client-side error.
 */
export async function postChunked(
  url: string,
  totalBytes: number,
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = "";
    let sent = 0;
    const chunk = "x".repeat(64 * 1024);
    const pump = () => {
      while (sent < totalBytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.write("0\r\n\r\n");
    };
    socket.on("connect", () => {
      const lines = Object.entries({ "content-type": "application/json", ...headers }).map(
        ([name, value]) => `${name}: ${value}\r\n`,
      );
      socket.write(
        `POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\ntransfer-encoding: chunked\r\n` +
          `${lines.join("")}\r\n`,
      );
      pump();
    });
    socket.on("data", (data) => (received += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      const [head = "", ...rest] = received.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? null;
      const chunked = /\r\ntransfer-encoding: chunked/i.test(head);
      const raw = rest.join("\r\n\r\n");
      resolve({ status, contentType, text: chunked ? dechunk(raw) : raw });
    });
  });
}

// The body of a chunked answer, its chunk framing removed.
function dechunk(raw: string): string {
  let text = "";
  let rest = raw;
  for (;;) {
    const end = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, end), 16);
    if (!(size > 0)) return text;
    text += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}
