// marionette.mjs — a minimal Marionette client (Thunderbird's remote-control
// protocol, started with `-marionette`): frames are "LENGTH:JSON"; a command is
// [0, id, name, params], its answer [1, id, error, result]. The harness uses it
// to run a few lines of chrome JavaScript: select a message, click the button.

import net from "node:net";

export class Marionette {
  /** Connect to 127.0.0.1:port, retrying until `deadline` (ms since epoch). */
  static async connect(port, deadline) {
    for (;;) {
      let client;
      try {
        client = new Marionette(await openSocket(port));
        // Marionette may accept a connection before it is ready to talk.
        await withTimeout(client.hello, 3000, "no hello");
        await client.command("WebDriver:NewSession", { strictFileInteractability: false });
        await client.command("Marionette:SetContext", { value: "chrome" });
        return client;
      } catch (e) {
        client?.close();
        if (Date.now() > deadline) throw new Error(`marionette: no connection on port ${port}: ${e.message}`);
        await sleep(250);
      }
    }
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.waiting = new Map();
    this.hello = new Promise((resolve) => { this.onHello = resolve; });
    socket.on("data", (data) => this.onData(data));
    socket.on("close", () => this.failAll(new Error("marionette connection closed")));
    socket.on("error", (e) => this.failAll(e));
  }

  onData(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const colon = this.buffer.indexOf(":");
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString());
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.onPacket(packet);
    }
  }

  onPacket(packet) {
    if (!Array.isArray(packet)) return this.onHello(packet);
    const [, id, error, result] = packet;
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    if (error) entry.reject(new Error(`${error.error}: ${error.message}`));
    else entry.resolve(result);
  }

  failAll(error) {
    for (const entry of this.waiting.values()) entry.reject(error);
    this.waiting.clear();
  }

  /** Send a command; its answer must come within `timeoutMs`. */
  command(name, params = {}, timeoutMs = 20000) {
    const id = this.nextId++;
    const body = JSON.stringify([0, id, name, params]);
    const answer = new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.write(`${Buffer.byteLength(body)}:${body}`);
    });
    return withTimeout(answer, timeoutMs, `${name} took too long`)
      .finally(() => this.waiting.delete(id));
  }

  /** Run chrome JavaScript (a function body; `arguments` = args) and return its value. */
  async run(script, ...args) {
    const result = await this.command("WebDriver:ExecuteScript", { script, args, sandbox: "system" });
    return result?.value;
  }

  close() {
    this.socket.destroy();
  }
}

function openSocket(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** `promise`, or a rejection with `message` after `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
