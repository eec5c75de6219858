// processes.mjs — starts Xvfb and Thunderbird for the test, keeps every line
// Thunderbird prints (the add-on's console messages among them), and stops
// both again, each by its own process group.

import { spawn } from "node:child_process";

/** Start Xvfb on a free display; resolves with {proc, display} (":N"). */
export function startXvfb(deadline) {
  return new Promise((resolve, reject) => {
    const proc = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
      { stdio: ["ignore", "pipe", "ignore"], detached: true });
    const timer = setTimeout(() => reject(new Error("Xvfb did not start")), Math.max(0, deadline - Date.now()));
    proc.on("error", reject);
    proc.stdout.once("data", (data) => {
      clearTimeout(timer);
      resolve({ proc, display: `:${String(data).trim()}` });
    });
  });
}

/** Thunderbird with its output collected line by line. */
export class Thunderbird {
  constructor({ home, profile, display }) {
    this.lines = [];
    this.waiters = new Set();
    const env = { ...process.env, HOME: home, DISPLAY: display, MOZ_CRASHREPORTER_DISABLE: "1",
      XDG_CONFIG_HOME: `${home}/.config`, XDG_CACHE_HOME: `${home}/.cache` };
    delete env.WAYLAND_DISPLAY;
    this.proc = spawn("thunderbird", ["-profile", profile, "-no-remote", "-marionette", "-remote-allow-system-access"],
      { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    for (const stream of [this.proc.stdout, this.proc.stderr]) this.collect(stream);
    this.exited = new Promise((resolve) => this.proc.on("exit", resolve));
  }

  collect(stream) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop();
      for (const line of parts) this.onLine(line);
    });
  }

  onLine(line) {
    this.lines.push(line);
    for (const waiter of this.waiters) waiter(line);
  }

  /**
   * Wait for a line that `match` accepts (returns non-null), among the lines
   * seen since index `from`; rejects after `timeoutMs`.
   */
  waitForLine(match, timeoutMs, from = 0) {
    for (const line of this.lines.slice(from)) {
      const found = match(line);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter = (line) => {
        const found = match(line);
        if (!found) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for Thunderbird's output`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** Stop a process we started, with its group: TERM, then KILL after a grace period. */
export async function stop(proc, graceMs = 3000) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  const signal = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* already gone */ } };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
