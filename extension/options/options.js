// options.js — the settings page. Every change is sent to the background
// ("settings.set"), which cleans it and refuses settings an administrator
// locked by policy; locked settings are shown disabled with a note.

// @ts-check
/** @import { Send, SettingKey } from "../types/messages" */

import { normalizeEntry } from "../lib/trust.js";

const { t } = PhishcheckI18n;
/** @param {string} id an element of this page's HTML */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id an <input>, <textarea> or <select> of this page's HTML */
const field = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** @type {Send} */
const send = (msg) => browser.runtime.sendMessage(msg);
/** @param {string} selector inputs of this page */
const inputs = (selector) => /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll(selector));

/** @param {string} text */
function say(text) {
  $("status").textContent = text;
}

/**
 * @param {string} key
 * @param {unknown} value
 */
async function save(key, value) {
  const result = await send({ type: "settings.set", key, value });
  if (result.ok) say(t("optSaved"));
  else say(result.reason === "locked" ? t("optLocked") : t("optInvalid", [String(value)]));
  await load();
}

/**
 * Show locked sections disabled, with "Set by your administrator".
 * @param {SettingKey[]} locked
 */
function showLocks(locked) {
  for (const section of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("section[data-key]"))) {
    const isLocked = locked.some((key) => key === section.dataset.key);
    section.classList.toggle("locked", isLocked);
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ (section.querySelectorAll("input, textarea, button"))) input.disabled = isLocked;
    section.querySelector(".lock-note")?.remove();
    if (isLocked) {
      const note = document.createElement("p");
      note.className = "note lock-note";
      note.textContent = t("optLocked");
      section.append(note);
    }
  }
}

/**
 * The trusted senders, each with a "Remove" button (revocation).
 * @param {string[]} list
 */
function showTrusted(list) {
  const items = list.map((entry) => {
    const li = document.createElement("li");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = t("optTrustedRemove");
    remove.addEventListener("click", () => save("trusted_senders", list.filter((e) => e !== entry)));
    const name = document.createElement("span");
    name.className = "entry";
    name.textContent = entry.includes("@") ? entry : t("optTrustedDomainEntry", [entry]);
    li.append(name, " ", remove);
    return li;
  });
  $("trusted_list").replaceChildren(...items);
  $("trusted_none").hidden = list.length > 0;
}

/** The messages marked "not phishing", each with "Undo" (revocation). */
async function showDismissed() {
  const list = await send({ type: "dismissed.list" });
  const items = list.map((item) => {
    const li = document.createElement("li");
    const undo = document.createElement("button");
    undo.type = "button";
    undo.textContent = t("actionUndo");
    undo.addEventListener("click", async () => {
      await send({ type: "action.notPhishing", headerMessageId: item.key, on: false });
      say(t("optSaved"));
      showDismissed();
    });
    const what = item.subject || item.from ? t("optDismissedItem", [item.subject || "", item.from || ""]) : item.key;
    li.append(`${what} `, undo);
    return li;
  });
  $("dismissed_list").replaceChildren(...items);
  $("dismissed_none").hidden = list.length > 0;
}

async function load() {
  const { values, locked } = await send({ type: "settings.get" });
  field("auto_check").checked = values.auto_check;
  field("online").checked = values.online;
  for (const box of inputs("input[data-setting]")) {
    box.checked = Boolean(values[/** @type {SettingKey} */ (box.dataset.setting)]);
  }
  const levels = /** @type {string[]} */ (values.banner_levels);
  for (const box of inputs("input[name=banner_levels]")) {
    box.checked = levels.includes(box.value);
  }
  field("own_domains").value = values.own_domains.join("\n");
  field("authserv_id").value = values.authserv_id;
  field("gateway_id").value = values.gateway_id;
  showTrusted(values.trusted_senders);
  showLocks(locked);
}

async function showHost() {
  const answer = await send({ type: "host.version" });
  const version = "version" in answer ? answer.version : "";
  $("host_status").textContent = version ? t("optHostOk", [version]) : t("errorHostMissing");
  $("host_details").hidden = Boolean(version);
  if ("error" in answer) $("host_error").textContent = answer.error.message;
}

function wire() {
  $("auto_check").addEventListener("change", () => save("auto_check", field("auto_check").checked));
  $("online").addEventListener("change", () => save("online", field("online").checked));
  for (const box of inputs("input[data-setting]")) {
    box.addEventListener("change", () => save(box.dataset.setting ?? "", box.checked));
  }
  for (const box of inputs("input[name=banner_levels]")) {
    box.addEventListener("change", () => save("banner_levels",
      [...inputs("input[name=banner_levels]:checked")].map((b) => b.value)));
  }
  $("own_domains").addEventListener("change", () => save("own_domains", field("own_domains").value));
  $("authserv_id").addEventListener("change", () => save("authserv_id", field("authserv_id").value));
  $("gateway_id").addEventListener("change", () => save("gateway_id", field("gateway_id").value));
  $("trusted_form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const entry = normalizeEntry(field("trusted_new").value);
    if (!entry) {
      say(t("optInvalid", [field("trusted_new").value]));
      return;
    }
    const { values } = await send({ type: "settings.get" });
    await save("trusted_senders", [...values.trusted_senders, entry]);
    field("trusted_new").value = "";
  });
}

PhishcheckI18n.fill(document);
wire();
Promise.all([load(), showHost(), showDismissed()]).then(() => console.info("phishcheck-options ready"));
