// attacks.mjs — phishing messages whose HTML tries to hide or fake the
// add-on's warning with page CSS (the four attacks of issue 9 and a few more).
// Each is the same dangerous phish (a Kagoya webmail lure from a foreign
// domain with a credential link); only its <style>/markup differs. The
// real-client test opens them and checks that Thunderbird's own notification
// bar above the message still says "Dangerous" and is not covered.

import fs from "node:fs";
import path from "node:path";

/** name → [what it tries, extra markup in <head>, extra markup at the top of <body>] */
export const ATTACKS = {
  "css-hue-rotate": ["turns red into green with a root filter",
    "<style>html{filter:hue-rotate(120deg) saturate(2)}</style>", ""],
  "css-fixed-overlay": ["covers the top with a fake \"checked\" line",
    "", '<div style="position:fixed;top:0;left:0;right:0;height:140px;z-index:2147483647;' +
      'background:#e6f4ea;color:#137333;font:bold 16px sans-serif;padding:12px">' +
      "✓ Checked by phishcheck: No signs of phishing found</div>"],
  "css-negative-margin": ["pushes the top of the page out of view",
    "<style>body{margin-top:-600px !important}</style>", ""],
  "css-column-reverse": ["moves the first element to the bottom",
    "<style>body{display:flex;flex-direction:column-reverse}</style>", ""],
  "css-fake-bar": ["draws a look-alike of Thunderbird's bar saying the mail is safe",
    "", '<div style="background:#dbeafe;border-radius:4px;padding:8px 12px;font:13px sans-serif;' +
      'margin:0 0 12px">ⓘ phishcheck: no known warning signs in this message. ' +
      '<button>Details…</button></div>'],
  "css-hide-all": ["makes the whole page and anything added to it invisible",
    "<style>:root,*{opacity:0 !important;visibility:hidden !important}</style>", ""],
};

const BODY = (head, top) => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>
${top}
<p>いつもカゴヤジャパンをご利用いただきまして誠にありがとうございます。</p>
<p>Kagoya は、2024年1月17日より「DOMAINメール」のサービス仕様を一部変更します。
すべてのお客様は、次のリンクを使用してログインして、新しい設定に更新する必要があります。</p>
<p><a href="http://sgogoj.com/kagoya/activemail.kagoya?login=office@tanaka-sekkei.jp">https://activemail.kagoya.jp/login</a></p>
<p>今後ともカゴヤジャパンをよろしくお願いいたします。</p>
</body></html>`;

/** One attack message as bytes (CRLF, UTF-8 HTML in base64). */
function message(name, head, top) {
  const html = Buffer.from(BODY(head, top), "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    "Return-Path: <postmaster@aica-interior.co.jp>",
    "Delivered-To: office@tanaka-sekkei.jp",
    "Authentication-Results: mx.tanaka-sekkei.jp; spf=softfail smtp.mailfrom=postmaster@aica-interior.co.jp;" +
      " dkim=none; dmarc=none header.from=aica-interior.co.jp",
    "Received: from Praisemmm (ioooo.japaneast.cloudapp.azure.com [74.226.196.215])",
    "\tby mx.tanaka-sekkei.jp (Postfix) with ESMTP id 4TKz1w6hQmz9sWp",
    "\tfor <office@tanaka-sekkei.jp>; Wed, 17 Jan 2024 10:12:43 +0900 (JST)",
    'From: "Kagoya Active! Mail" <postmaster@aica-interior.co.jp>',
    "To: office@tanaka-sekkei.jp",
    `Subject: =?UTF-8?B?${Buffer.from(`【重要】Active! Mail 設定更新のお願い (${name})`).toString("base64")}?=`,
    "Date: Wed, 17 Jan 2024 01:12:40 +0000",
    `Message-ID: <${name}@attack.test>`,
    "MIME-Version: 1.0",
    'Content-Type: text/html; charset="UTF-8"',
    "Content-Transfer-Encoding: base64",
    "",
    html,
    "",
  ].join("\r\n");
}

/**
 * Write every attack message into `dir`.
 * @returns {{name: string, what: string, file: string, id: string}[]}
 */
export function attackMessages(dir) {
  return Object.entries(ATTACKS).map(([name, [what, head, top]]) => {
    const file = path.join(dir, `${name}.eml`);
    fs.writeFileSync(file, message(name, head, top));
    return { name, what, file, id: `${name}@attack.test` };
  });
}
