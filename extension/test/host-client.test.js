import { test } from "node:test";
import assert from "node:assert/strict";
import { HostClient, HostError, disconnectError } from "../lib/host-client.js";

/** A fake runtime.Port: records posted messages; the test plays the host. */
function fakePort() {
  const listeners = { message: [], disconnect: [] };
  const port = {
    sent: [], closed: false, error: null,
    postMessage: (m) => port.sent.push(m),
    disconnect: () => { port.closed = true; },
    onMessage: { addListener: (f) => listeners.message.push(f) },
    onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
    answer: (a) => listeners.message.forEach((f) => f(a)),
    drop: (error) => { port.error = error; listeners.disconnect.forEach((f) => f(port)); },
  };
  return port;
}

function clientWithPorts(options) {
  const ports = [];
  const client = new HostClient(() => { const p = fakePort(); ports.push(p); return p; }, options);
  return { client, ports };
}

test("answers are matched to requests by id, in any order, on one port", async () => {
  const { client, ports } = clientWithPorts();
  const a = client.request({ type: "version" });
  const b = client.request({ type: "analyze", raw: "" });
  assert.equal(ports.length, 1);
  const [ra, rb] = ports[0].sent;
  assert.notEqual(ra.id, rb.id);
  ports[0].answer({ id: rb.id, ok: true, type: "report", report: { verdict: "safe" } });
  ports[0].answer({ id: ra.id, ok: true, type: "version", version: "0.1.0" });
  assert.equal((await a).version, "0.1.0");
  assert.equal((await b).report.verdict, "safe");
});

test("an error answer rejects with the protocol code", async () => {
  const { client, ports } = clientWithPorts();
  const p = client.request({ type: "analyze" });
  ports[0].answer({ id: ports[0].sent[0].id, ok: false, type: "error",
    error: { code: "invalid_request", message: "bad base64" } });
  await assert.rejects(p, (e) => e instanceof HostError && e.code === "invalid_request");
});

test("an error with id null belongs to the oldest waiting request", async () => {
  const { client, ports } = clientWithPorts();
  const first = client.request({ type: "analyze" });
  const second = client.request({ type: "version" });
  ports[0].answer({ id: null, ok: false, type: "error", error: { code: "too_large", message: "" } });
  await assert.rejects(first, { code: "too_large" });
  ports[0].answer({ id: ports[0].sent[1].id, ok: true, version: "x" });
  assert.equal((await second).version, "x");
});

test("a missing host fails every waiting request with host_missing; next request reconnects", async () => {
  const { client, ports } = clientWithPorts();
  const p = client.request({ type: "version" });
  ports[0].drop({ message: "No such native application phishcheck" });
  await assert.rejects(p, { code: "host_missing" });
  const q = client.request({ type: "version" });
  assert.equal(ports.length, 2);
  ports[1].answer({ id: ports[1].sent[0].id, ok: true, version: "0.1.0" });
  assert.equal((await q).version, "0.1.0");
});

test("a host that exits fails waiting requests with host_failed", async () => {
  const { client, ports } = clientWithPorts();
  const p = client.request({ type: "version" });
  ports[0].drop(null);
  await assert.rejects(p, { code: "host_failed" });
});

test("connectNative throwing is reported, not thrown", async () => {
  const client = new HostClient(() => { throw new Error("No such native application phishcheck"); });
  await assert.rejects(client.request({ type: "version" }), { code: "host_missing" });
});

test("a stuck host times out and its port is closed", async () => {
  const { client, ports } = clientWithPorts({ timeoutMs: 20 });
  const p = client.request({ type: "version" });
  await assert.rejects(p, { code: "timeout" });
  assert.equal(ports[0].closed, true);
  ports[0].answer({ id: ports[0].sent[0].id, ok: true }); // late answer: ignored
  client.request({ type: "version" }).catch(() => {});
  assert.equal(ports.length, 2);
  client.close();
});

test("disconnectError classifies port errors", () => {
  assert.equal(disconnectError({ message: "No such native application phishcheck" }).code, "host_missing");
  assert.equal(disconnectError({ message: "Access to the native application is denied" }).code, "host_missing");
  assert.equal(disconnectError({ message: "An unexpected error occurred" }).code, "host_missing");
  assert.equal(disconnectError(null).code, "host_failed");
});
