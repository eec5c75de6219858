// report-servers.mjs — the two places a phishing report goes in the real-client
// test (issue #12), both on 127.0.0.1 only: a tiny SMTP sink (Thunderbird sends
// the report e-mail through it; every message's DATA is kept as bytes) and an
// HTTPS endpoint with a certificate from a test CA made here by openssl (the
// native host posts the report's JSON to it; every body is kept).

import fs from "node:fs";
import net from "node:net";
import https from "node:https";
import path from "node:path";
import { execFileSync } from "node:child_process";

/** An SMTP server that accepts everything: {port, messages: [{from, to[], data: Buffer}], close()}. */
export function smtpSink() {
  const messages = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let inData = false;
    let env = { from: null, to: [] };
    const say = (line) => socket.write(`${line}\r\n`);
    say("220 sink.test ESMTP phishcheck test sink");
    socket.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (inData) {
          const end = buf.indexOf("\r\n.\r\n");
          const start = buf.length >= 3 && buf.subarray(0, 3).toString() === ".\r\n" ? 0 : -1;
          if (end < 0 && start < 0) return;
          const data = start === 0 ? Buffer.alloc(0) : buf.subarray(0, end + 2);
          buf = buf.subarray(start === 0 ? 3 : end + 5);
          // Undo dot-stuffing: a line starting ".." lost its first dot in transit.
          const text = data.toString("latin1").replace(/(^|\r\n)\.\./g, "$1.");
          messages.push({ ...env, data: Buffer.from(text, "latin1") });
          env = { from: null, to: [] };
          inData = false;
          say("250 2.0.0 queued");
          continue;
        }
        const eol = buf.indexOf("\r\n");
        if (eol < 0) return;
        const line = buf.subarray(0, eol).toString("latin1");
        buf = buf.subarray(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") { socket.write("250-sink.test\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n"); }
        else if (verb === "HELO") say("250 sink.test");
        else if (verb === "MAIL") { env.from = line.match(/<([^>]*)>/)?.[1] ?? ""; say("250 2.1.0 ok"); }
        else if (verb === "RCPT") { env.to.push(line.match(/<([^>]*)>/)?.[1] ?? ""); say("250 2.1.5 ok"); }
        else if (verb === "DATA") { inData = true; say("354 end with <CRLF>.<CRLF>"); }
        else if (verb === "QUIT") { say("221 2.0.0 bye"); socket.end(); return; }
        else if (verb === "RSET") { env = { from: null, to: [] }; say("250 ok"); }
        else say("250 ok");
      }
    });
    socket.on("error", () => {});
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () =>
    resolve({ port: server.address().port, messages, close: () => server.close() })));
}

/** A test CA and a certificate for 127.0.0.1 in `dir`: {ca, cert, key} file paths. */
export function testCertificates(dir) {
  const run = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
  run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
    "-subj", "/CN=phishcheck tb-test CA");
  run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=127.0.0.1");
  fs.writeFileSync(path.join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  run("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "srv.pem",
    "-days", "2", "-extfile", "ext.cnf");
  return { ca: path.join(dir, "ca.pem"), cert: path.join(dir, "srv.pem"), key: path.join(dir, "srv.key") };
}

/** An HTTPS endpoint answering 201 to POST /report: {url, posts: [{headers, body: Buffer}], close()}. */
export function httpsEndpoint({ cert, key }) {
  const posts = [];
  const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      posts.push({ method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.method === "POST" && req.url === "/report" ? 201 : 404, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () =>
    resolve({ url: `https://127.0.0.1:${server.address().port}/report`, posts, close: () => server.close() })));
}

/**
 * The parts of a MIME message (Buffer) as {headers: string, body: Buffer}, depth-first;
 * multipart bodies are split on their boundary. Just what the test needs.
 */
export function mimeParts(raw) {
  const text = raw.toString("latin1");
  const split = text.search(/\r?\n\r?\n/);
  const headers = split < 0 ? text : text.slice(0, split);
  const sep = text.slice(split).match(/^\r?\n\r?\n/)?.[0] ?? "";
  const body = Buffer.from(split < 0 ? "" : text.slice(split + sep.length), "latin1");
  const unfolded = headers.replace(/\r?\n[ \t]+/g, " ");
  const type = unfolded.match(/^content-type:\s*([^;\r\n]+)(.*)$/im);
  const part = { headers: unfolded, type: (type?.[1] || "text/plain").trim().toLowerCase(), body };
  if (!part.type.startsWith("multipart/")) return [part];
  const boundary = type[2].match(/boundary="?([^";\r\n]+)"?/i)?.[1];
  const chunks = body.toString("latin1").split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*\\r?\\n?`));
  return [part, ...chunks.slice(1, -1).flatMap((c) => mimeParts(Buffer.from(c, "latin1")))];
}

/** A part's decoded body (base64 / quoted-printable / as is). */
export function decodedBody(part) {
  const cte = part.headers.match(/^content-transfer-encoding:\s*(\S+)/im)?.[1]?.toLowerCase();
  if (cte === "base64") return Buffer.from(part.body.toString("latin1").replace(/\s+/g, ""), "base64");
  if (cte === "quoted-printable") {
    const s = part.body.toString("latin1").replace(/=\r?\n/g, "");
    return Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1");
  }
  return part.body;
}
