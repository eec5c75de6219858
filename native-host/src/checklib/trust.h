/* trust.h — which headers the user's own side wrote and can be believed (used by the auth
 * and route checks; not a check itself). Anyone can write Received and
 * Authentication-Results headers into a message before sending it; only those added by
 * the receiving servers, above the hop where the message entered them, tell the truth. */
#ifndef PC_TRUST_H
#define PC_TRUST_H
#include "checklib/check.h"

typedef struct {
    const pc_authres *ar;   /* the receiving server's Authentication-Results; NULL if none */
    const pc_hop *entry;    /* the hop where the message came in from outside; NULL if unknown */
    const char *spf;        /* SPF result: the trusted AR's, else the Received-SPF next to it */
} pc_trust;

/* The trusted AR is the one whose authserv-id the user configured, else the topmost. The
 * entry hop is the first Received below it with a public address (without an AR: the
 * topmost Received with a public address). */
pc_trust pc_trust_read(const pc_ctx *ctx);

/* True when the trusted AR vouches for the From domain: DMARC pass, or SPF or DKIM pass
 * for the same registrable domain (what DMARC calls alignment). */
bool pc_trust_from_verified(const pc_ctx *ctx, const pc_trust *t);

/* True for mailing-list mail (List-Id, List-Post, List-Subscribe, or ezmlm/Yahoo Groups'
 * Mailing-List; not List-Unsubscribe, which every newsletter carries): lists
 * legitimately break SPF and DKIM, re-sign, set Reply-To to the list and bounce to
 * themselves. ARC is no sign: phishers' own providers seal too. Only a credible list
 * counts: a domain those headers name is under a public suffix and the same organisation
 * as From, Sender, Return-Path, a DKIM signer or a Received hop's hosts — phishing writes
 * List-Id: <7265961.xt.local> or random tokens to switch the list guards on. */
bool pc_is_list_mail(const pc_message *m);

/* True for a delivery report or bounce: a multipart/report (DSN/MDN), or a mail from a
 * mail system (null envelope sender, mailer-daemon@ or a role address such as
 * postmaster@) that carries no http(s) link and no file of its own — a text/plain NDR as
 * Domino, Exchange and Japanese MTAs write them. Its words about failed delivery and full
 * mailboxes are the report itself, not a lure (a lure needs a link or a file to act on). */
bool pc_is_bounce(pc_ctx *ctx);

/* True when From is an organisation's own domain (not a free mailbox or a platform's
 * customer subdomain: freemail.tsv) and the trusted AR verifies it (DMARC pass or an
 * aligned pass): an authenticated sender writing under its own name. */
bool pc_from_org_verified(pc_ctx *ctx);

/* A newsletter of an authenticated organisation: pc_from_org_verified and a
 * List-Unsubscribe header. Its marketing habits (a hidden preview text, zero-width
 * padding, "Gutschein", a sister domain for replies) are no phishing evidence. */
bool pc_authenticated_newsletter(pc_ctx *ctx);

/* The registrable domain of the recipient's organisation: the recipient's domain unless
 * it is a mailbox provider's or a brand's (gmail.com is nobody's organisation); NULL if none. */
const char *pc_recipient_org(pc_ctx *ctx);

/* True when host is the user's own: within a configured own domain, or the recipient's
 * domain unless that is a mailbox provider's (gmail.com is not the user's organisation). */
bool pc_own_domain(pc_ctx *ctx, const char *host);

/* True when host belongs to a service that sends or takes replies for its customers under
 * its own domain (esp-domains.tsv: ESPs, helpdesks); with signing, also a platform that
 * signs customers' mail with its own DKIM key (gappssmtp.com, onmicrosoft.com). */
bool pc_service_domain(const char *host, bool signing);

/* True when hosts a and b are one organisation's: the same registrable domain, its first
 * label under another suffix (shop.co.jp, shop.com), or domains of the same brand. */
bool pc_same_org(pc_arena *ar, const char *a, const char *b);

/* True when From is a brand's real domain or the user's own: names worth forging, whose
 * genuine mail authenticates. */
bool pc_from_brand_or_own(pc_ctx *ctx);

/* True when From is a brand's own service domain (not a free mailbox or a customer
 * subdomain it hosts: gmail.com, x.onmicrosoft.com are anyone's) and the trusted AR
 * verifies it (DMARC pass or aligned SPF/DKIM): the mail really is the brand's. */
bool pc_from_brand_verified(pc_ctx *ctx);

/* The row of data list `table` (domain<TAB>kind...) whose domain host (lowercase ASCII)
 * is within; its kind ("" when the list has one column). NULL when not listed. */
const char *pc_domain_listed(const char *host, const char *table);

#endif
