// Blocking descriptor calls are blocking operations of the model: a consumer
// that waits in read, poll, select or epoll_wait, and a producer that blocks
// on a full pipe (256 KiB through a 64 KiB pipe), let the other thread run;
// `interleave explore` runs each correct program to its end (no time-out),
// `interleave run` too. A reader whose pipe nobody writes is a hang, said as
// such, with the descriptor, within a few seconds.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %s -o %t.dir/gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.dir/clang
// RUN: %interleave run %t.dir/gcc read 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/clang poll 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/gcc select 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/clang epoll 2>&1 | FileCheck --check-prefix=OK %s
// OK: got 262144 bytes, sum 33423360
// OK: interleave: no findings in 1 run
// RUN: %interleave explore --budget 30 --time 30 %t.dir/gcc read 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 30 --time 30 %t.dir/clang poll 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 30 --time 30 %t.dir/gcc select 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 30 --time 30 %t.dir/clang epoll 2>&1 | FileCheck --check-prefix=XOK %s
// XOK-NOT: timed out
// XOK: interleave explore: 0 bugs in
// XOK-NOT: timed out
//
// RUN: not %interleave explore --budget 3 --time 30 %t.dir/gcc never 2>&1 | FileCheck --check-prefix=HANG %s
// HANG: hang
// HANG: T1 waits for file descriptor [[FD:[0-9]+]]
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#define TOTAL (256 * 1024)
static int fds[2];
static const char *mode;
static long got, sum;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

/* Waits until fds[0] is readable, the way `mode` says. */
static void await_readable(int ep)
{
    if (strcmp(mode, "poll") == 0) {
        struct pollfd p = {fds[0], POLLIN, 0};
        if (poll(&p, 1, -1) != 1)
            die("poll");
    } else if (strcmp(mode, "select") == 0) {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(fds[0], &r);
        if (select(fds[0] + 1, &r, NULL, NULL, NULL) != 1)
            die("select");
    } else if (strcmp(mode, "epoll") == 0) {
        struct epoll_event ev;
        if (epoll_wait(ep, &ev, 1, -1) != 1)
            die("epoll_wait");
    }
}

static void *consumer(void *arg)
{
    (void)arg;
    int ep = -1;
    if (strcmp(mode, "epoll") == 0) {
        struct epoll_event ev = {.events = EPOLLIN};
        ep = epoll_create1(0);
        if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev) != 0)
            die("epoll");
    }
    unsigned char buf[4096];
    for (;;) {
        await_readable(ep);
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0)
            die("read");
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++)
            sum += buf[i];
        got += n;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "read";
    if (pipe(fds) != 0)
        die("pipe");
    pthread_t c;
    pthread_create(&c, NULL, consumer, NULL);
    if (strcmp(mode, "never") == 0) { /* nobody writes, nobody closes */
        pthread_join(c, NULL);
        return 0;
    }
    static unsigned char block[TOTAL];
    for (int i = 0; i < TOTAL; i++)
        block[i] = (unsigned char)(i & 0xff);
    for (size_t off = 0; off < TOTAL;) { /* the pipe holds 64 KiB: this blocks */
        ssize_t n = write(fds[1], block + off, TOTAL - off);
        if (n < 0)
            die("write");
        off += (size_t)n;
    }
    close(fds[1]);
    pthread_join(c, NULL);
    printf("got %ld bytes, sum %ld\n", got, sum);
    return 0;
}
