import { test } from "node:test";
import assert from "node:assert/strict";
import { vcardContact, contactOfNode, searchWords, parseAuthor, buildContext, MAX_CONTACTS } from "../lib/context.js";

test("vcardContact reads FN, N and every EMAIL", () => {
  const card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Smith\\, John\r\nN:Smith;John;;;\r\n" +
    "EMAIL;TYPE=work:JSmith@Example.com\r\nitem1.EMAIL:john@home.example\r\nEND:VCARD\r\n";
  assert.deepEqual(vcardContact(card), { name: "Smith, John", emails: ["jsmith@example.com", "john@home.example"] });
  assert.deepEqual(vcardContact("BEGIN:VCARD\nN:田中;太郎;;;\nEMAIL:tanaka@example.co.jp\nEND:VCARD"),
    { name: "田中 太郎", emails: ["tanaka@example.co.jp"] });
  assert.deepEqual(vcardContact("BEGIN:VCARD\nFN:Long\n  Name\nEND:VCARD"), { name: "Long Name", emails: [] });
  assert.deepEqual(vcardContact(""), { name: null, emails: [] });
});

test("contactOfNode takes a vCard or the older properties", () => {
  assert.deepEqual(contactOfNode({ vCard: "BEGIN:VCARD\nFN:A B\nEMAIL:a@b.example\nEND:VCARD" }),
    { name: "A B", emails: ["a@b.example"] });
  assert.deepEqual(contactOfNode({ properties: { FirstName: "Taro", LastName: "Tanaka", PrimaryEmail: "T@X.jp" } }),
    { name: "Taro Tanaka", emails: ["t@x.jp"] });
});

test("searchWords drops titles and honorifics and folds width", () => {
  assert.deepEqual(searchWords("田中 社長"), ["田中"]);
  assert.deepEqual(searchWords("田中部長"), ["田中"]);
  assert.deepEqual(searchWords("田中　太郎（代表取締役）"), ["田中", "太郎"]);
  assert.deepEqual(searchWords("ＪＯＨＮ Smith, CEO"), ["JOHN", "Smith"]);
  assert.deepEqual(searchWords("Smith, John"), ["Smith", "John"]);
  assert.deepEqual(searchWords("社長"), []);
  assert.deepEqual(searchWords(null), []);
  assert.equal(searchWords("a bb cc dd ee ff gg").length, 4);
});

test("parseAuthor splits name and address", () => {
  assert.deepEqual(parseAuthor('"田中 社長" <Tanaka.Shacho@Gmail.com>'), { name: "田中 社長", address: "tanaka.shacho@gmail.com" });
  assert.deepEqual(parseAuthor("a@b.example"), { name: null, address: "a@b.example" });
  assert.deepEqual(parseAuthor("undisclosed"), { name: "undisclosed", address: null });
});

test("buildContext keeps known facts only and caps contacts", () => {
  assert.deepEqual(buildContext({ inBook: false, writtenTo: null, earlier: 25 }),
    { from_in_address_book: false, from_earlier_messages: 10, contacts: [] });
  const many = Array.from({ length: 80 }, (_, i) => ({ name: `N ${i}`, emails: [`n${i}@x.example`] }));
  const c = buildContext({ contacts: [...many, many[0], { name: null, emails: ["x@y.z"] }] });
  assert.equal(c.contacts.length, MAX_CONTACTS);
  assert.equal(c.from_in_address_book, undefined);
  assert.deepEqual(buildContext({ contacts: [many[0], many[0]] }).contacts, [{ name: "N 0", emails: ["n0@x.example"] }]);
});
