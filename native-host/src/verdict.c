/* verdict.c — the score is the sum of the flags' scores. A single weak signal never makes
 * a message dangerous: that takes the dangerous score *and* at least two different checks
 * raising medium-or-higher flags, or one critical flag (a listed phishing URL, an
 * executable attachment). Info flags (score 0) only explain. Many weak (low) hints from
 * one check count as one hint: their sum per check is capped at PC_LOW_CAP, so a
 * newsletter's tracked http links cannot add up to "suspicious" on their own.
 * The organisation's verdict (org.*, checks/org.c) is no evidence to add up: the gateway
 * ran these same checks. It is a floor — the shown verdict is the worse of the two. */
#include "verdict.h"
#include <string.h>

static bool is_org(const pc_finding *f) { return !strcmp(f->check, "org"); }

/* The organisation's verdict, PC_SAFE when it gave none. */
static pc_verdict org_floor(const pc_vec *findings) {
    pc_verdict v = PC_SAFE;
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (!is_org(f)) continue;
        if (!strcmp(f->id, "org.dangerous")) v = PC_DANGEROUS;
        else if (!strcmp(f->id, "org.suspicious") && v < PC_SUSPICIOUS) v = PC_SUSPICIOUS;
    }
    return v;
}

static int independent_checks(const pc_vec *findings) {
    const char *seen[64];
    int n = 0;
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (f->severity < PC_SEV_MEDIUM || is_org(f)) continue;
        int j = 0;
        while (j < n && strcmp(seen[j], f->check)) j++;
        if (j == n && n < 64) seen[n++] = f->check;
    }
    return n;
}

/* The score of check `check`'s low flags, capped. */
static int low_sum(const pc_vec *findings, const char *check) {
    int sum = 0;
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (f->severity == PC_SEV_LOW && !strcmp(f->check, check)) sum += f->score;
    }
    return sum < PC_LOW_CAP ? sum : PC_LOW_CAP;
}

/* True when f is the first low flag of its check (its check's capped sum is added once). */
static bool first_low(const pc_vec *findings, size_t i) {
    const pc_finding *f = findings->v[i];
    for (size_t j = 0; j < i; j++) {
        const pc_finding *g = findings->v[j];
        if (g->severity == PC_SEV_LOW && !strcmp(g->check, f->check)) return false;
    }
    return true;
}

/* A mail whose only flags are its words' (the content check) and hold one medium lure
 * category at most — a topic plus urgency — scores at most PC_WORDS_ALONE_CAP: a contest
 * newsletter with a deadline is no phishing mail until something else about it is wrong.
 * Two categories or a disguise (mixed scripts, fancy letters) are not capped. */
static int words_alone(const pc_vec *findings, int total) {
    int medium = 0;
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (is_org(f)) continue;
        if (strcmp(f->check, "content") || f->severity > PC_SEV_MEDIUM) return total;
        medium += f->severity == PC_SEV_MEDIUM;
    }
    return medium <= 1 && total > PC_WORDS_ALONE_CAP ? PC_WORDS_ALONE_CAP : total;
}

pc_verdict pc_verdict_local(const pc_vec *findings, bool trusted, int *score) {
    int total = 0;
    bool critical = false;
    for (size_t i = 0; i < findings->n; i++) {
        const pc_finding *f = findings->v[i];
        if (is_org(f)) continue;
        if (f->severity != PC_SEV_LOW) total += f->score;
        else if (first_low(findings, i)) total += low_sum(findings, f->check);
        critical |= f->severity == PC_SEV_CRITICAL;
    }
    total = words_alone(findings, total);
    if (total < 0) total = 0;                /* a guard's negative score lowers, never below 0 */
    if (score) *score = total;
    if (critical) return PC_DANGEROUS;
    if (trusted) return PC_SAFE;
    if (total >= PC_DANGEROUS_AT && independent_checks(findings) >= 2) return PC_DANGEROUS;
    if (total >= PC_SUSPICIOUS_AT) return PC_SUSPICIOUS;
    return PC_SAFE;
}

pc_verdict pc_verdict_judge(const pc_vec *findings, bool trusted, int *score) {
    pc_verdict local = pc_verdict_local(findings, trusted, score), org = org_floor(findings);
    return org > local ? org : local;
}

const char *pc_verdict_name(pc_verdict v) {
    return v == PC_DANGEROUS ? "dangerous" : v == PC_SUSPICIOUS ? "suspicious" : "safe";
}
