/* limits.c — a limit the parser met is a finding: what the host could not read was not
 * checked, and mail built to exhaust a mail reader (a forwarded message nested past the
 * depth limit, thousands of parts or headers, HTML nested thousands deep) is suspicious
 * in itself. Each raises one medium flag worth the suspicious score. The worker's time
 * and memory budget (runner.c) raise limits.time / limits.memory the same way. */
#include "checklib/check.h"
#include <string.h>
#include "verdict.h"

static bool met(const pc_message *m, const char *what) {
    for (size_t i = 0; i < m->errors.n; i++)
        if (!strcmp(m->errors.v[i], what)) return true;
    return false;
}

PC_CHECK(limits) {
    static const struct { const char *error, *flag, *limit; } map[] = {
        {"too_deep", "limits.depth", "20"},
        {"too_many_parts", "limits.parts", "1000"},
        {"too_many_headers", "limits.headers", "1000"},
        {"html_too_complex", "limits.html", "50000 / 400"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (met(ctx->msg, map[i].error))
            pc_flag_id(ctx, map[i].flag, "limit", map[i].limit, NULL);
}
