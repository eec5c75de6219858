#!/usr/bin/env python3
"""gen.py — writes the hostile messages of issue 11 into a folder (nothing stored in git):
   python3 tests/hostile/gen.py OUTDIR
Each case is a message that once cost the host seconds, gigabytes or an oversize answer;
a phishing link sits in each so that what the host could read still counts."""
import os
import sys

HEAD = ("From: \"Support\" <support@secure-login.example>\nTo: me@example.jp\n"
        "Subject: {subject}\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n"
        "Message-ID: <hostile@secure-login.example>\nMIME-Version: 1.0\n")
LINK = '<a href="http://203.0.113.7/login">Verify your account</a>'


def html_mail(name, body):
    return (HEAD.format(subject=name) + "Content-Type: text/html; charset=utf-8\n\n"
            "<html><body><p>" + LINK + "</p>" + body + "</body></html>\n")


def cases():
    yield "html-formatting-2000", html_mail(
        "formatting", "<table><tr><td><b><i><font><span>" * 2000)
    yield "html-formatting-4000", html_mail(
        "formatting", "<table><tr><td><b><i><font><span>" * 4000)
    yield "html-nested-div", html_mail("divs", "<div>" * 100000)
    yield "html-nested-cells", html_mail("cells", "<table><tr><td>" * 8000)
    yield "html-many-elements", html_mail("elements", "<p><b>x</b></p>" * 150000)
    yield "headers-many", ("X-H: v\n" * 1000000) + HEAD.format(subject="headers") + "\n" + LINK + "\n"
    addrs = ", ".join("u%d@a.example" % i for i in range(800000))
    yield "from-many-addresses", ("From: " + addrs + "\nTo: me@example.jp\nSubject: addresses\n\n"
                                  "http://203.0.113.7/login\n")
    ar = "Authentication-Results: mx.example.jp; spf=pass smtp.mailfrom=a.example\n" * 300000
    yield "authres-many", ar + HEAD.format(subject="authres") + "\nhttp://203.0.113.7/login\n"
    parts = "".join("--b\nContent-Type: text/plain\n\npart %d\n" % i for i in range(100000))
    yield "parts-many", (HEAD.format(subject="parts") +
                         "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n")
    nest = "".join("Content-Type: multipart/mixed; boundary=n%d\n\n--n%d\n" % (i, i)
                   for i in range(20000))
    yield "parts-nested", HEAD.format(subject="nested") + nest + "\nhttp://203.0.113.7/login\n"
    yield "subject-huge", HEAD.format(subject="S" * 1000000) + "\nhttp://203.0.113.7/login\n"
    big = "x" * 1000000
    yield "fields-huge", ("From: \"%s\" <%s@secure-login.example>\nTo: me@example.jp\n"
                          "Subject: fields\nDate: %s\nMessage-ID: <%s@b.example>\n\n"
                          "http://203.0.113.7/login\n" % (big, "a" * 1000000, big, big))
    links = "".join('<p>text <a href="http://x%d.example/%d">x</a></p>\n' % (i % 97, i)
                    for i in range(10000))
    yield "heavy-links", (HEAD.format(subject="links") + "Content-Type: multipart/mixed; boundary=b\n\n"
                         + ("--b\nContent-Type: text/html\n\n" + links) * 12 + "--b--\n")
    inner = ("From: pay@bank-secure.example\nSubject: inner\nContent-Type: text/html\n\n"
             "<p>" + LINK + "</p>\n")
    for i in range(30):
        inner = ("From: fw%d@example.org\nSubject: fwd %d\nContent-Type: message/rfc822\n\n" % (i, i)
                 + inner)
    yield "rfc822-deep", HEAD.format(subject="deep").replace(
        "Subject: deep\n", "Subject: deep\nContent-Type: message/rfc822\n") + "\n" + inner


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in cases():
        with open(os.path.join(out, name + ".eml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
