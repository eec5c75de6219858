/* filter.h — the libmilter callbacks: collect a message's header and body (up to the
 * max-message setting), have the analyst check it at end of message, then change the
 * header (remove forged verdicts, add ours, tag the Subject), reject or quarantine as
 * configured, and log one JSON line. */
#ifndef PCM_FILTER_H
#define PCM_FILTER_H
#include <libmilter/mfapi.h>

extern struct smfiDesc pcm_filter;

/* Messages being collected or checked right now (for a clean stop). */
int pcm_filter_in_flight(void);

#endif
