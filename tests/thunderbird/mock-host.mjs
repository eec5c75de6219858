#!/usr/bin/env node
// mock-host.mjs — DEVELOPMENT ONLY: a stand-in for native-host/phishcheck that
// speaks docs/protocol.md well enough to develop the add-on before the real
// host exists (`node tests/thunderbird/run.mjs --host tests/thunderbird/mock-host.mjs`).
// `make tb-test` always uses the real host.

import { createHash } from "node:crypto";

let input = Buffer.alloc(0);
process.stdin.on("data", (chunk) => {
  input = Buffer.concat([input, chunk]);
  while (input.length >= 4 && input.length >= 4 + input.readUInt32LE(0)) {
    const length = input.readUInt32LE(0);
    const request = JSON.parse(input.subarray(4, 4 + length).toString("utf8"));
    input = input.subarray(4 + length);
    send(answer(request));
  }
});

function send(object) {
  const body = Buffer.from(JSON.stringify(object), "utf8");
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  process.stdout.write(Buffer.concat([header, body]));
}

function answer(request) {
  if (request.type === "version") return { id: request.id, ok: true, type: "version", version: "mock", protocol: 1 };
  const raw = Buffer.from(request.raw, "base64");
  return { id: request.id, ok: true, type: "report", report: report(raw) };
}

/** RFC 2047 B-words only (enough for the fixtures). */
function decodeWords(text) {
  return text.replace(/=\?([^?]+)\?B\?([^?]*)\?=\s*/gi,
    (_, charset, b64) => new TextDecoder(charset).decode(Buffer.from(b64, "base64")));
}

function header(raw, name) {
  const head = raw.toString("latin1").split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : "";
}

function report(raw) {
  const from = header(raw, "From");
  const text = raw.toString("latin1");
  const phish = /kagoya/i.test(text) && !/@kagoya\.(jp|com)>?$/i.test(from);
  const flags = phish ? [{
    id: "sender.brand_impersonation", severity: "high", score: 45,
    title: "Sender pretends to be KAGOYA", detail: "The message names KAGOYA but comes from another domain.",
    evidence: { brand: "KAGOYA", from },
  }] : [];
  return {
    version: "mock", verdict: phish ? "dangerous" : "safe", score: phish ? 120 : 0, lang: "en",
    summary: phish ? flags[0].title : "No known warning signs",
    flags,
    message: { from, subject: header(raw, "Subject"), date: header(raw, "Date"), message_id: header(raw, "Message-ID") },
    settings: { trusted_sender: false },
    mock: { bytes: raw.length, sha256: createHash("sha256").update(raw).digest("hex") },
  };
}
