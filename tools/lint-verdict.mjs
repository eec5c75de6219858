#!/usr/bin/env node
// lint-verdict.mjs — reads addons-linter's JSON output (file argument) and
// decides: every error fails, except exactly one kind the add-on must have:
// MANIFEST_FIELD_PRIVILEGED on manifest.json's /experiment_apis (addons-linter
// is Firefox-oriented and rejects any Experiment API; Thunderbird runs them —
// extension/experiments/). Warnings and notices are printed, never fatal.
//
//   node tools/lint-verdict.mjs build/ext-lint.json

import fs from "node:fs";

const TOLERATED = (e) => e.code === "MANIFEST_FIELD_PRIVILEGED" && e.file === "manifest.json" &&
  (e.dataPath ?? e.instancePath ?? "/experiment_apis") === "/experiment_apis";

const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const line = (kind, e) => `${kind} ${e.code} ${e.file ?? ""}${e.line ? `:${e.line}` : ""} ${e.message}`;
for (const w of report.warnings ?? []) console.log(line("warning", w));
for (const n of report.notices ?? []) console.log(line("notice ", n));
const errors = report.errors ?? [];
const fatal = errors.filter((e) => !TOLERATED(e));
for (const e of errors) console.log(line(TOLERATED(e) ? "error (tolerated: Experiment API)" : "ERROR", e));
console.log(`addons-linter: ${errors.length} errors (${errors.length - fatal.length} tolerated), ` +
  `${report.warnings?.length ?? 0} warnings, ${report.notices?.length ?? 0} notices`);
process.exitCode = fatal.length ? 1 : 0;
