// Descriptors order what threads do, as ThreadSanitizer models them: T1
// writes X, then writes to a pipe (a socketpair, an eventfd, a TCP connection
// on loopback); T2 reads from it, then writes X. No race, under run and
// explore, with gcc and clang; explore does not time out on the blocked read
// (the reader waits in the model while the writer runs). -DLATE moves T1's
// write of X after the descriptor write: a race on X, reported with both lines.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %s -o %t.dir/gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.dir/clang
// RUN: %interleave run %t.dir/gcc pipe 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/clang pipe 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/gcc socketpair 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/clang eventfd 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/gcc tcp 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/clang tcp 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/gcc dup 2>&1 | FileCheck --check-prefix=OK %s
// OK: X = 43
// OK: interleave: no findings in 1 run
//
// RUN: %interleave explore --budget 300 --time 20 %t.dir/gcc pipe 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 300 --time 20 %t.dir/clang socketpair 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 300 --time 20 %t.dir/gcc eventfd 2>&1 | FileCheck --check-prefix=XOK %s
// RUN: %interleave explore --budget 300 --time 20 %t.dir/clang tcp 2>&1 | FileCheck --check-prefix=XOK %s
// XOK-NOT: timed out
// XOK: interleave explore: 0 bugs in
// XOK-NOT: timed out
//
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -DLATE %s -o %t.dir/late
// RUN: not %interleave run %t.dir/late pipe 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %interleave run %t.dir/late tcp 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: not %interleave explore --budget 100 --time 20 %t.dir/late socketpair 2>&1 | FileCheck --check-prefix=XRACE %s
// RACE: data race on `X`
// RACE-DAG: #0 writer {{.*}}sync.c:[[@LINE+45]]
// RACE-DAG: #0 reader {{.*}}sync.c:[[@LINE+65]]
// XRACE: interleave explore: 1 bug (data race)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

static int X;
static int fds[2], listener;
static const char *mode;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void *writer(void *arg)
{
    (void)arg;
    char c = 'x';
#ifndef LATE
    X = 42;
#endif
    if (strcmp(mode, "eventfd") == 0) {
        if (eventfd_write(fds[0], 1) != 0)
            die("eventfd_write");
    } else if (strcmp(mode, "tcp") == 0) {
        struct sockaddr_in a;
        socklen_t len = sizeof a;
        getsockname(listener, (struct sockaddr *)&a, &len);
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)&a, len) != 0 || send(s, &c, 1, 0) != 1)
            die("connect/send");
        close(s);
    } else if (write(fds[1], &c, 1) != 1) {
        die("write");
    }
#ifdef LATE
    X = 42; /* after the write: nothing orders it with the reader's */
#endif
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    char c;
    if (strcmp(mode, "eventfd") == 0) {
        eventfd_t v;
        if (eventfd_read(fds[0], &v) != 0)
            die("eventfd_read");
    } else if (strcmp(mode, "tcp") == 0) {
        int s = accept(listener, NULL, NULL);
        if (s < 0 || recv(s, &c, 1, 0) != 1)
            die("accept/recv");
        close(s);
    } else if (read(fds[0], &c, 1) != 1) {
        die("read");
    }
    X = 43;
    return NULL;
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "pipe";
    if (strcmp(mode, "pipe") == 0 && pipe(fds) != 0)
        die("pipe");
    if (strcmp(mode, "dup") == 0) { /* the ends used through copies */
        int p[2];
        if (pipe(p) != 0)
            die("pipe");
        fds[0] = dup(p[0]);
        fds[1] = 40;
        if (dup2(p[1], fds[1]) != fds[1])
            die("dup2");
        close(p[0]);
        close(p[1]);
    }
    if (strcmp(mode, "socketpair") == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
        die("socketpair");
    if (strcmp(mode, "eventfd") == 0 && (fds[0] = eventfd(0, 0)) < 0)
        die("eventfd");
    if (strcmp(mode, "tcp") == 0) {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        listener = socket(AF_INET, SOCK_STREAM, 0);
        if (bind(listener, (struct sockaddr *)&a, sizeof a) != 0 || listen(listener, 4) != 0)
            die("bind/listen");
    }
    pthread_t w, r;
    pthread_create(&r, NULL, reader, NULL); /* the reader first: it blocks */
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("X = %d\n", X);
    return 0;
}
