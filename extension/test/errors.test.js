import { test } from "node:test";
import assert from "node:assert/strict";
import { errorMessage, errorCode } from "../lib/errors.js";
import { HostError } from "../lib/host-client.js";

test("an Error's message and a HostError's code", () => {
  assert.equal(errorMessage(new Error("folder gone")), "folder gone");
  const e = new HostError("timeout", "no answer in 60000 ms");
  assert.equal(errorMessage(e), "no answer in 60000 ms");
  assert.equal(errorCode(e), "timeout");
});

test("anything else that was thrown is shown as text, with the fallback code", () => {
  assert.equal(errorMessage("plain text"), "plain text");
  assert.equal(errorMessage(undefined), "undefined");
  assert.equal(errorMessage({ message: 42 }), "42");
  assert.equal(errorCode(new Error("x")), "internal");
  assert.equal(errorCode(new Error("x"), ""), "");
  assert.equal(errorCode({ code: "" }), "internal");
  assert.equal(errorCode(null), "internal");
});
