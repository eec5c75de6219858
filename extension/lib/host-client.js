// host-client.js — talks to the native host over one long-lived port
// (docs/protocol.md). Each request gets a numeric id; the host echoes it, so
// answers are matched to their requests. When the port closes (host missing,
// crashed, or exited), every waiting request fails with a HostError and the
// next request opens a new port.

// @ts-check
/** @import { HostRequest, HostAnswerTo, HostFrame } from "../types/protocol" */

/** A failure the UI can explain: `code` is a protocol error code or one of ours. */
export class HostError extends Error {
  /**
   * @param {string} code host_missing | host_failed | timeout | a protocol code
   * @param {string} [message] technical detail (for the report copy and the log)
   */
  constructor(code, message) {
    super(message || code);
    this.name = "HostError";
    this.code = code;
  }
}

/**
 * Classify why a port closed, from `port.error` (may be null). Thunderbird says
 * "No such native application" without a manifest, and "An unexpected error
 * occurred" when the manifest's program cannot be started; a host that ran and
 * exited leaves no error.
 * @param {unknown} error port.error, or what connecting threw
 */
export function disconnectError(error) {
  const message = error && typeof error === "object" && "message" in error ? error.message : "";
  const text = typeof message === "string" ? message : "";
  if (/no such native application|unexpected error|not found|denied/i.test(text)) {
    return new HostError("host_missing", text);
  }
  return new HostError("host_failed", text || "the phishcheck host stopped");
}

export class HostClient {
  /**
   * @param {() => Port} connect opens a port: () => browser.runtime.connectNative("phishcheck")
   * @param {{timeoutMs?: number}} [options] how long one request may take
   */
  constructor(connect, { timeoutMs = 60000 } = {}) {
    this.connect = connect;
    this.timeoutMs = timeoutMs;
    /** @type {Port|null} */
    this.port = null;
    this.nextId = 1;
    /** @type {Map<number, Pending>} in send order */
    this.pending = new Map();
  }

  /**
   * Send one request; resolves with the host's answer when `ok` is true.
   * @template {HostRequest} R
   * @param {R} body a request without id, e.g. {type: "version"}
   * @returns {Promise<HostAnswerTo<R>>}
   */
  request(body) {
    return new Promise((resolve, reject) => {
      let port;
      try {
        port = this.ensurePort();
      } catch (e) {
        reject(disconnectError(e));
        return;
      }
      const id = this.nextId++;
      const timer = setTimeout(() => this.onTimeout(id), this.timeoutMs);
      // The answer that carries this id is the answer to this request (R).
      const answered = /** @type {(answer: HostFrame) => void} */ (/** @type {unknown} */ (resolve));
      this.pending.set(id, { resolve: answered, reject, timer });
      port.postMessage({ ...body, id });
    });
  }

  /** The open port, opening one when there is none. */
  ensurePort() {
    if (this.port) return this.port;
    const port = this.connect();
    port.onMessage.addListener((answer) => this.onAnswer(/** @type {HostFrame} */ (answer)));
    port.onDisconnect.addListener((p) => this.onDisconnect(port, p?.error ?? port.error));
    this.port = port;
    return port;
  }

  /** @param {HostFrame} answer */
  onAnswer(answer) {
    const id = this.answerId(answer);
    const entry = id === undefined ? undefined : this.pending.get(id);
    if (!entry) return; // late answer to a request that already timed out
    this.pending.delete(/** @type {number} */ (id));
    clearTimeout(entry.timer);
    if (answer.ok) entry.resolve(answer);
    else entry.reject(new HostError(answer.error?.code || "internal", answer.error?.message));
  }

  /**
   * The id an answer belongs to. The host answers `id: null` when it could not
   * parse a request; it serves requests one at a time in order, so such an
   * answer belongs to the oldest request still waiting.
   * @param {HostFrame|null|undefined} answer
   * @returns {number|undefined}
   */
  answerId(answer) {
    if (answer && answer.id !== null && answer.id !== undefined) return answer.id;
    return this.pending.keys().next().value;
  }

  /**
   * @param {Port} port
   * @param {{message?: string}|null|undefined} error
   */
  onDisconnect(port, error) {
    if (port !== this.port) return;
    this.port = null;
    this.failAll(disconnectError(error));
  }

  /** A request took too long: give up on the port (a stuck host is restarted). */
  /** @param {number} id */
  onTimeout(id) {
    if (!this.pending.has(id)) return;
    this.close(new HostError("timeout", `no answer from the phishcheck host in ${this.timeoutMs} ms`));
  }

  /** Close the port; waiting requests fail with `error`. */
  close(error = new HostError("host_failed", "closed")) {
    const port = this.port;
    this.port = null;
    this.failAll(error);
    if (port) port.disconnect();
  }

  /** @param {Error} error */
  failAll(error) {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.pending.clear();
  }
}

/**
 * What HostClient needs of a port (browser.runtime.Port; a fake one in the tests).
 * @typedef {Pick<browser.runtime.Port, "postMessage" | "disconnect" | "error" | "onMessage" | "onDisconnect">} Port
 */
/** @typedef {{resolve: (answer: HostFrame) => void, reject: (error: Error) => void, timer: ReturnType<typeof setTimeout>}} Pending */
