import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { trimMessage, headerFields, TRIM } from "../lib/trim.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HOST = path.join(ROOT, "native-host/phishcheck");

/** Deterministic pseudo-random bytes (incompressible, like a real attachment). */
function noise(n, seed = 1) {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A ZIP whose central directory names `names`, with `size` bytes of stored data. */
function zip(names, size) {
  const parts = [];
  const central = [];
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.write("PK\x03\x04", 0, "latin1");
    local.writeUInt16LE(n.length, 26);
    parts.push(local, n, noise(size / names.length, n.length));
    const entry = Buffer.alloc(46);
    entry.write("PK\x01\x02", 0, "latin1");
    entry.writeUInt16LE(n.length, 28);
    central.push(entry, n);
  }
  const end = Buffer.alloc(22);
  end.write("PK\x05\x06", 0, "latin1");
  return Buffer.concat([...parts, ...central, end]);
}

const b64 = (buf, width = 76) => buf.toString("base64").replace(new RegExp(`.{${width}}`, "g"), "$&\r\n");

/** A multipart message with a text part and one attachment; returns a binary string. */
function message({ type = "application/zip", name = "invoice.zip", body, encoded, cte = "base64" }) {
  return [
    "From: Billing <billing@example-shop.jp>", "To: office@tanaka-sekkei.jp", "Subject: Invoice",
    "Date: Mon, 16 Jun 2025 12:00:00 +0900", "Message-ID: <trim-test@example-shop.jp>", "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"', "", "--b1", "Content-Type: text/plain; charset=UTF-8", "",
    "The invoice is attached.", "", "--b1", `Content-Type: ${type}; name="${name}"`,
    `Content-Transfer-Encoding: ${cte}`, `Content-Disposition: attachment; filename="${name}"`, "",
    encoded ?? b64(body), "--b1--", "",
  ].join("\r\n").toString("latin1");
}

/** The attachment's body, decoded, from a (possibly trimmed) message string. */
function attachmentBytes(raw) {
  const body = raw.split('filename="')[1].split("\r\n\r\n")[1].split("--b1--")[0];
  return Buffer.from(body.replace(/\s+/g, ""), "base64");
}

test("a multi-MB ZIP attachment: only its head and its central directory cross the port", () => {
  const raw = message({ body: zip(["readme.txt", "invoice.pdf.exe"], 3 * 1024 * 1024) });
  const { raw: out, cut } = trimMessage(raw);
  assert.equal(cut.parts, 1);
  assert.ok(out.length < 200 * 1024, `sent ${out.length} of ${raw.length}`);
  assert.equal(raw.length - out.length, cut.bytes);
  const bytes = attachmentBytes(out).toString("latin1");
  assert.ok(bytes.startsWith("PK\x03\x04"), "magic number kept");
  assert.ok(bytes.includes("PK\x01\x02"), "central directory kept");
  assert.ok(bytes.includes("invoice.pdf.exe"), "inner file name kept");
  assert.ok(attachmentBytes(out).length >= 32774, "the ISO 9660 magic offset is kept");
  assert.ok(out.startsWith(raw.slice(0, 600)) && out.endsWith(raw.slice(-300)), "headers and end intact");
});

test("small messages and small attachments are sent whole", () => {
  const raw = message({ body: noise(64 * 1024) });
  assert.deepEqual(trimMessage(raw), { raw, cut: null });
});

test("parts the host parses or that cannot be cut safely are sent whole", () => {
  const big = noise(1024 * 1024);
  const html = Buffer.concat([Buffer.from("<html><body><form action=x>"), big]);
  const cases = {
    "text/html part": message({ type: "text/html", name: "page.dat", body: big }),
    "HTML by name": message({ type: "application/octet-stream", name: "invoice.html", body: big }),
    "SVG by type": message({ type: "image/svg+xml", name: "a.bin", body: big }),
    "HTML by content": message({ type: "application/pdf", name: "invoice.pdf", body: html }),
    "forwarded message": message({ type: "message/rfc822", name: "fwd.eml", body: big }),
    "lines not a multiple of 4": message({ name: "a.zip", encoded: b64(big, 75) }),
    "quoted-printable": message({ name: "a.zip", cte: "quoted-printable", encoded: "x=3D1\r\n".repeat(60000) }),
  };
  for (const [what, raw] of Object.entries(cases)) {
    assert.equal(trimMessage(raw).cut, null, what);
  }
});

test("header fields: folded lines and names", () => {
  const h = headerFields(["--b1", 'Content-Type: application/zip;', ' name="a.zip"', "Content-Transfer-Encoding: BASE64"]);
  assert.equal(h["content-type"], 'application/zip; name="a.zip"');
  assert.equal(h["content-transfer-encoding"], "BASE64");
});

test("limits: head covers the deepest magic number the host reads, tail a ZIP directory", () => {
  assert.ok((TRIM.head / 4) * 3 >= 0x8001 + 5);
  assert.ok(TRIM.minRun > TRIM.head + TRIM.tail);
});

test("the host finds the same as in the whole message (real host, when built)", (t) => {
  if (!fs.existsSync(HOST)) return t.skip(`${HOST} not built`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phishcheck-trim-"));
  const verdict = (raw) => {
    const file = path.join(dir, "m.eml");
    fs.writeFileSync(file, Buffer.from(raw, "latin1"));
    const r = JSON.parse(spawnSync(HOST, ["--json", file], { encoding: "utf8" }).stdout.split("\n")[0]);
    return { verdict: r.verdict, flags: r.flags.map((f) => f.id).sort() };
  };
  try {
    for (const names of [["invoice.pdf.exe"], ["readme.txt", "payload.js", "photo.jpg"]]) {
      const raw = message({ body: zip(names, 2 * 1024 * 1024) });
      const trimmed = trimMessage(raw);
      assert.ok(trimmed.cut);
      const whole = verdict(raw);
      assert.deepEqual(verdict(trimmed.raw), whole, names.join(","));
      if (names.includes("invoice.pdf.exe")) {
        assert.ok(whole.flags.includes("attachments.archive_executable"), "the ZIP's inner names were read");
      }
    }
    const iso = Buffer.concat([noise(0x8001), Buffer.from("CD001"), noise(1024 * 1024)]);
    const raw = message({ type: "application/octet-stream", name: "scan.img", body: iso });
    const trimmed = trimMessage(raw);
    assert.ok(trimmed.cut);
    assert.deepEqual(verdict(trimmed.raw), verdict(raw), "disk image");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
