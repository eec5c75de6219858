/* main.c — phishcheck-milter: phishcheck at the mail server, as a milter (Postfix
 * smtpd_milters, Sendmail INPUT_MAIL_FILTER; docs/gateway.md). Threads: libmilter's
 * listener and one per SMTP connection (filter.c), the analyst that owns the engine and its
 * worker processes (analyst.c), and this main thread, which only waits for signals:
 * SIGHUP reloads the configuration, SIGTERM/SIGINT stop cleanly (no new connections,
 * messages in flight finished for up to STOP_WAIT seconds, workers ended, socket removed). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "analyst.h"
#include "analyze.h"
#include "data.h"
#include "filter.h"
#include "log.h"

#define DEFAULT_CONFIG "/etc/phishcheck/milter.conf"
#define STOP_WAIT 30

static atomic_bool milter_ended;
static int milter_rc;

static void usage(FILE *f) {
    fputs("usage: phishcheck-milter [--config FILE] [-s SOCKET] [--check-config]\n"
          "Checks mail for phishing at the mail server (a milter for Postfix or Sendmail).\n"
          "  -c, --config FILE   settings (default " DEFAULT_CONFIG "; see docs/gateway.md)\n"
          "  -s, --socket SPEC   unix:/path or inet:port@address (overrides `socket`)\n"
          "  --check-config      read the settings, print them, exit (0: fine)\n"
          "  --version, --help\n"
          "Signals: HUP reloads the settings, TERM stops after the messages in flight.\n", f);
}

static void *milter_thread(void *unused) {
    milter_rc = smfi_main();
    atomic_store(&milter_ended, true);
    return NULL;
}

/* Loads the engine's tables and libraries once here, so that every worker forked later
 * starts with them (and the first message does not pay for them). */
static void warm_up(const pcm_conf *c) {
    static const char m[] = "From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\n\r\nx\r\n";
    json_decref(pc_analyze(m, sizeof m - 1, &c->cli.host.base, NULL));
}

static void print_conf(const pcm_conf *c, const char *sock) {
    const pc_config *b = &c->cli.host.base;
    printf("socket = %s\nserver-id = %s\nadd-headers = %s\ntag-subject = %s\naction = %s\n"
           "on-error = %s\nlog = %s\njobs = %d\ntime-limit = %d\nmemory-limit = %zu\n"
           "max-message = %zu\nauthserv-id = %s\nonline = %s\n",
           sock, c->server_id, c->add_headers ? "yes" : "no", c->tag ? c->tag : "",
           c->action == PCM_ACT_REJECT ? "reject" : c->action == PCM_ACT_QUARANTINE ? "quarantine" : "none",
           c->tempfail_on_error ? "tempfail" : "accept", c->syslog ? "syslog" : "stderr", c->jobs,
           c->cli.host.time_ms, c->cli.host.memory_mb, b->max_message,
           b->authserv_id ? b->authserv_id : "", b->online.requested ? "yes" : "no");
    for (const char **d = b->own_domains; d && *d; d++) printf("own-domain = %s\n", *d);
}

/* Waits for signals until told to stop; false when libmilter stopped by itself (its own
 * signal thread waits for the same signals: one that lands there while this thread is not
 * waiting stops it), which the caller turns into a failure for systemd to restart. */
static bool serve_signals(const char *path, const sigset_t *set) {
    struct timespec tick = {1, 0};
    while (!atomic_load(&milter_ended)) {
        int sig = sigtimedwait(set, NULL, &tick);
        if (sig == SIGHUP) pcm_analyst_reload(path);
        else if (sig == SIGTERM || sig == SIGINT) return true;
    }
    return false;
}

/* The path of a unix:/local: socket spec; NULL for inet. */
static const char *unix_path(const char *sock) {
    if (!strncmp(sock, "unix:", 5) || !strncmp(sock, "local:", 6)) return strchr(sock, ':') + 1;
    return sock[0] == '/' ? sock : NULL;
}

/* TCP_NODELAY on libmilter's listening socket (Linux: accepted sockets inherit it). At the
 * end of a message libmilter writes each header change as its own small packet; with
 * Nagle on, every one after the first waits for the MTA's delayed ACK (40 ms): 44 instead
 * of 63 messages/s over 4 connections in tests/milter (the MTA's own small writes still
 * meet our delayed ACKs: a unix socket does 150; docs/gateway.md). The socket is
 * libmilter's: found by what it is. */
static void no_delay(void) {
    for (int fd = 3; fd < 1024; fd++) {
        int on = 0, dom = 0;
        socklen_t n = sizeof on, m = sizeof dom;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &n) || !on ||
            getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &m) || (dom != AF_INET && dom != AF_INET6))
            continue;
        on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
}

static void *stopper(void *unused) {
    smfi_stop();
    return NULL;
}

/* libmilter's listener holds its lock through each poll (5 s) and smfi_stop waits for
 * that lock: a connection of our own wakes the poll at once. */
static void nudge(const char *sock) {
    int fd = -1;
    if (unix_path(sock)) {
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        snprintf(a.sun_path, sizeof a.sun_path, "%s", unix_path(sock));
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd >= 0) connect(fd, (struct sockaddr *)&a, sizeof a);
    } else if (!strncmp(sock, "inet:", 5)) {
        const char *at = strchr(sock, '@');
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(sock + 5))};
        if (!at || inet_pton(AF_INET, at + 1, &a.sin_addr) != 1 || a.sin_addr.s_addr == INADDR_ANY)
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd >= 0) connect(fd, (struct sockaddr *)&a, sizeof a);
    }
    if (fd >= 0) close(fd);
}

/* Stops listening, finishes the messages in flight, stops the analyst. Returns
 * smfi_main's result (MI_SUCCESS when it has not returned within a second). */
static int stop(pthread_t t, const char *sock, const pcm_conf *c) {
    pthread_t st;
    pthread_create(&st, NULL, stopper, NULL);
    nudge(sock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    int rc = pthread_timedjoin_np(t, NULL, &until) == 0 ? milter_rc : MI_SUCCESS;
    pthread_detach(st);
    for (int i = 0; i < STOP_WAIT * 10 && pcm_filter_in_flight() > 0; i++) usleep(100000);
    if (pcm_filter_in_flight() > 0)
        pcm_log_notice(c, "stopping with %d messages unfinished (the MTA retries them)",
                       pcm_filter_in_flight());
    pcm_analyst_stop();
    return rc;
}

static int run(pcm_conf *c, const char *path, const char *sock) {
    if (c->syslog) openlog("phishcheck-milter", LOG_PID, LOG_MAIL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);      /* every thread inherits it */
    /* A peer that goes silent holds a libmilter thread until this timeout (libmilter's own
     * default: 7210 s); read at start, not on reload. */
    if (smfi_register(pcm_filter) == MI_FAILURE || smfi_setconn((char *)sock) == MI_FAILURE ||
        smfi_settimeout(c->peer_timeout) == MI_FAILURE || smfi_opensocket(true) == MI_FAILURE) {
        pcm_log_notice(c, "cannot listen on %s", sock);
        pcm_conf_unref(c);
        return 1;
    }
    no_delay();
    /* the MTA is another user: any local user may connect, as on 127.0.0.1 (the socket's
     * directory can guard it) */
    if (unix_path(sock)) chmod(unix_path(sock), 0666);
    pcm_log_notice(c, "listening on %s (server id %s, %d workers)", sock, c->server_id, c->jobs);
    pcm_conf_ref(c);
    pcm_analyst_start(c);
    pthread_t t;
    pthread_create(&t, NULL, milter_thread, NULL);
    bool asked = serve_signals(path, &set);
    int rc = stop(t, sock, c);
    if (unix_path(sock)) unlink(unix_path(sock));   /* libmilter leaves it behind */
    if (!asked) pcm_log_notice(c, "libmilter stopped by itself; exiting with status 1");
    pcm_log_notice(c, "stopped");
    pcm_conf_unref(c);
    return rc == MI_SUCCESS && asked ? 0 : 1;
}

int main(int argc, char **argv) {
    static const struct option opts[] = {
        {"config", 1, 0, 'c'}, {"socket", 1, 0, 's'}, {"check-config", 0, 0, 'C'},
        {"version", 0, 0, 'V'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *path = NULL, *sock = NULL;
    bool check = false;
    for (int o; (o = getopt_long(argc, argv, "c:s:", opts, NULL)) != -1;) {
        if (o == 'c') path = optarg;
        else if (o == 's') sock = optarg;
        else if (o == 'C') check = true;
        else if (o == 'V') { printf("phishcheck-milter %s\n", PC_VERSION); return 0; }
        else if (o == 'h') { usage(stdout); return 0; }
        else { usage(stderr); return 64; }
    }
    if (optind < argc) { usage(stderr); return 64; }
    if (!path && access(DEFAULT_CONFIG, F_OK) == 0) path = DEFAULT_CONFIG;
    char err[512];
    pcm_conf *c = pcm_conf_load(path, err, sizeof err);
    if (!c) { fprintf(stderr, "phishcheck-milter: %s\n", err); return 78; }   /* EX_CONFIG */
    if (!sock) sock = c->socket;
    if (check) { print_conf(c, sock); pcm_conf_unref(c); pc_data_free(); return 0; }
    warm_up(c);
    int rc = run(c, path ? path : DEFAULT_CONFIG, sock);
    pc_data_free();
    return rc;
}
