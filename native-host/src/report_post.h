/* report_post.h — the `report` request (issue #12, docs/protocol.md): the user clicked
 * "Report phishing" and the organisation's (or the user's) HTTPS endpoint should get the
 * message. The host analyses the raw message once more, builds the documented JSON (the
 * raw message in base64, its SHA-256, phishcheck's report, the user's comment) and posts it
 * with libcurl: HTTPS only, certificates checked, no redirects followed, 30 s at most.
 * Nothing is ever posted without such a request, and the extension sends one only on the
 * user's click. */
#ifndef PC_REPORT_POST_H
#define PC_REPORT_POST_H
#include <jansson.h>
#include <stddef.h>
#include "config.h"

#define PC_REPORT_TIMEOUT_S 30
#define PC_REPORT_MAX_COMMENT 10000   /* bytes of the user's comment kept */

/* The JSON body posted for raw (len bytes): req's "comment" and "reporter", and rep, the
 * message's report (analysed by the caller; the body takes the reference). */
json_t *pc_report_body(json_t *req, const char *raw, size_t len, json_t *rep);

/* Posts the body to req's "url" (https only; "token": a bearer token); the answer
 * object without "id": {"ok": true, "type": "reported", "status": 201, "url": ...} or an
 * error {"ok": false, "type": "error", "error": {"code": "invalid_request" |
 * "report_failed", "message": ...}}. New reference. */
json_t *pc_report_send(json_t *req, const char *raw, size_t len, const pc_config *cfg, json_t *rep);

/* The `report_targets` answer (without "id"): the published report addresses of the
 * brands named in req's "brands" (data/brand-report.tsv) and, when "national" is "jp",
 * the Council of Anti-Phishing Japan's; each {kind, name, address, source}. */
json_t *pc_report_targets(json_t *req);

#endif
