/* rewrite.h — what the milter writes into a message's header, as plain functions (no
 * libmilter, unit-tested in tests/unit/test_milter.c): the two verdict header values from
 * a report (formats in docs/gateway.md), which incoming headers must go (every
 * X-Phishcheck, and every Authentication-Results naming our server id, RFC 8601 section 5),
 * and the tagged Subject. Returned strings are malloc'd. */
#ifndef PCM_REWRITE_H
#define PCM_REWRITE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* "dangerous; score=185; flags=sender.brand_impersonation,links.recipient" */
char *pcm_x_phishcheck(json_t *report);
/* "mx.example.jp; x-phishcheck=dangerous policy.score=185 policy.flags=a,b" */
char *pcm_auth_results(json_t *report, const char *server_id);
/* The authserv-id of an Authentication-Results value (comments and spaces skipped, a
 * quoted-string unquoted), copied into out (size n); false when there is none. */
bool pcm_authserv_id(const char *value, char *out, size_t n);
/* True when the header must be deleted before ours are added: X-Phishcheck, or an
 * Authentication-Results whose authserv-id is server_id (any case). */
bool pcm_must_remove(const char *name, const char *value, const char *server_id);
/* The Subject with tag in front ("tag " + subject; a non-ASCII tag as an RFC 2047 UTF-8
 * encoded word); NULL when the subject already starts with the tag (tagged upstream or
 * by an earlier pass). subject may be NULL (no Subject header). */
char *pcm_tag_subject(const char *subject, const char *tag);

#endif
