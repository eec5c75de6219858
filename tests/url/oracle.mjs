// oracle.mjs — compares phishcheck's reading of hrefs with the WHATWG URL standard as
// Node implements it (the parser browsers and Thunderbird follow).
// Usage: node oracle.mjs HREFS.jsonl OURS.jsonl — one JSON string per line in HREFS, the
// matching url_host output in OURS. Every href Node opens as http(s) must be read by us
// (url not null) with the same host (a trailing root dot aside: we drop it; IPv6 without
// brackets). Exit 1 on any miss; the misses are listed.
import { readFileSync } from 'node:fs';

const lines = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.length);
const hrefs = lines(process.argv[2]).map((l) => JSON.parse(l));
const ours = lines(process.argv[3]).map((l) => JSON.parse(l));
if (hrefs.length !== ours.length) {
  console.error(`oracle: ${hrefs.length} hrefs but ${ours.length} answers`);
  process.exit(2);
}
const norm = (h) => h.replace(/^\[|\]$/g, '').replace(/\.$/, '');
let checked = 0;
const misses = [];
hrefs.forEach((href, i) => {
  let u;
  try { u = new URL(href); } catch { return; }                  // a browser opens nothing
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
  checked++;
  const want = norm(u.hostname), got = ours[i];
  if (!got.url) misses.push(`dropped: ${JSON.stringify(href)} (browser opens ${want})`);
  else if (norm(got.host || '') !== want)
    misses.push(`host: ${JSON.stringify(href)}: ours ${got.host}, browser ${want}`);
});
for (const m of misses.slice(0, 60)) console.log('  ' + m);
if (misses.length > 60) console.log(`  ... and ${misses.length - 60} more`);
console.log(`url oracle: ${checked} http(s) hrefs, ${misses.length} differ from the browser`);
process.exit(misses.length ? 1 : 0);
