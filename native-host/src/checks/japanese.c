/* japanese.c — Japanese that a machine wrote: half-width spaces between Japanese words
 * ("エラー により", "を 確認"), ASCII '.' ending Japanese sentences ("受け取りました."),
 * a stray " , " between sentences. Japanese phishing is mostly machine-translated; a
 * person typing Japanese gets 。、 from the input method. Weak alone (low): it only adds
 * to other signs.
 * Guards: a space between two kanji is how names are written (田中 太郎), so only spaces
 * touching kana or Japanese punctuation count; text with little Japanese is skipped; the
 * edge of an HTML block (a table cell, <br>) is a line break, not a typed space (parse/
 * html.c writes '\n' there); a Japanese name followed by English ("Copyright © 2025
 * 空月コーヒー, All rights reserved.": a template's English around a Japanese name) is
 * English punctuation; spaces around a middle dot separate links ("変更 ・ 配信停止"); a
 * name written with a space counts once however often it is repeated; a space between
 * two katakana words is Microsoft's style ("メール アドレス"); ASCII commas are typed by
 * people in technical mail (only a '.' after kana ends a sentence the machine's way);
 * text with few kana is Chinese (a disclaimer), not Japanese; a space after a sentence's
 * end (。！？) parts sentences, as HTML source wrapped after "。" does, not words. */
#include "checklib/check.h"
#include <glib.h>
#include <string.h>

static bool kana(gunichar c) {
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9d);
}
static bool katakana(gunichar c) {
    return (c >= 0x30a1 && c <= 0x30fa) || c == 0x30fc || (c >= 0xff66 && c <= 0xff9d);
}
/* 。！？ end a sentence: a space after one parts two sentences (an HTML source line wrapped
 * after "。" collapses to a space; "ご確認ください。 <a>詳しくはこちら</a>"), not words. */
static bool sentence_end(gunichar c) { return c == 0x3002 || c == 0xff01 || c == 0xff1f; }
static bool japanese(gunichar c) {
    return kana(c) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f);
}

typedef struct {
    int jp, kana, spaces, ascii_punct, stray_comma;
    const char *sample;
    gunichar seen[32][2];   /* the letters around each space counted */
    int n_seen;
} tally;

/* True the first time a space between these two letters is met: a name written with a
 * space ("エチオピア グジ") repeated in the plain and the HTML part, the title and the
 * heading, is one space someone typed, not four. */
static bool new_space(tally *t, gunichar a, gunichar b) {
    for (int i = 0; i < t->n_seen; i++)
        if (t->seen[i][0] == a && t->seen[i][1] == b) return false;
    if (t->n_seen < 32) t->seen[t->n_seen][0] = a, t->seen[t->n_seen++][1] = b;
    return true;
}

static void note(pc_ctx *ctx, tally *t, const char *at) {
    if (!t->sample) {
        const char *s = at;
        for (int i = 0; i < 6 && s > ctx->msg->text; i++) s = g_utf8_prev_char(s);
        const char *e = at;
        for (int i = 0; i < 8 && *e; i++) e = g_utf8_next_char(e);
        t->sample = pc_strndup(ctx->arena, s, (size_t)(e - s));
    }
}

static tally count(pc_ctx *ctx, const char *text) {
    tally t = {0};
    gunichar prev = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *n = g_utf8_next_char(p);
        gunichar next = *n ? g_utf8_get_char(n) : 0;
        if (japanese(c)) t.jp++;
        if (kana(c)) t.kana++;
        /* Microsoft's Japanese spaces katakana words apart ("メール アドレス",
         * "セキュリティ コード"): a space between two katakana is its style */
        bool ms_style = katakana(prev) && katakana(next);
        if (c == ' ' && japanese(prev) && japanese(next) && prev != 0x30fb && next != 0x30fb &&
            !ms_style && !sentence_end(prev) && (kana(prev) || kana(next) || (prev >= 0x3000 && prev <= 0x303f))) {
            if (new_space(&t, prev, next)) t.spaces++;
            note(ctx, &t, p);
        } else if (c == '.' && (kana(prev) || (prev >= 0x3000 && prev <= 0x303f)) &&
                   (next == 0 || next == '\n' || japanese(next) ||
                    (next == ' ' && !g_ascii_isalpha(n[1])))) {
            t.ascii_punct++;
            note(ctx, &t, p);
        } else if (c == ',' && prev == ' ' && next == ' ') {
            t.stray_comma++;
        }
        prev = c;
    }
    return t;
}

PC_CHECK(japanese) {
    const char *text = ctx->msg->text;
    if (!text || !g_utf8_validate(text, -1, NULL)) return;
    tally t = count(ctx, text);
    if (t.jp < 20 || t.kana * 5 < t.jp) return;   /* Chinese (a disclaimer) has no kana */
    int signs = (t.spaces >= 2) + (t.ascii_punct >= 1) + (t.stray_comma >= 1 && t.jp);
    if (!signs || (t.spaces < 2 && !t.ascii_punct)) return;
    pc_flag_id(ctx, signs >= 2 ? "japanese.machine_made/both" : "japanese.machine_made",
            "sample", t.sample ? t.sample : "",
            "spaces", pc_sprintf(ctx->arena, "%d", t.spaces),
            "punctuation", pc_sprintf(ctx->arena, "%d", t.ascii_punct), NULL);
}
