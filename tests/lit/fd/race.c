// Races on descriptors and through them, as ThreadSanitizer reports them: a
// thread writes to a descriptor that main closes without waiting for it (a
// race on the descriptor itself, named as such); dup2 over a descriptor in use
// is a close too; read() into a buffer that another thread reads is a race on
// the buffer. -DFIXED joins first: silent.
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %s -o %t.dir/gcc
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.dir/clang
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g -DFIXED %s -o %t.dir/fixed
// RUN: not %interleave run %t.dir/gcc close 2>&1 | FileCheck --check-prefix=CLOSE %s
// RUN: not %interleave run %t.dir/clang close 2>&1 | FileCheck --check-prefix=CLOSE %s
// RUN: not %interleave run %t.dir/gcc dup2 2>&1 | FileCheck --check-prefix=DUP2 %s
// RUN: not %interleave run %t.dir/clang buffer 2>&1 | FileCheck --check-prefix=BUF %s
// RUN: not %interleave explore --budget 50 --time 20 %t.dir/gcc close 2>&1 | FileCheck --check-prefix=XCLOSE %s
// RUN: %interleave run %t.dir/fixed close 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/fixed dup2 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave run %t.dir/fixed buffer 2>&1 | FileCheck --check-prefix=OK %s
// RUN: %interleave explore --budget 50 --time 20 %t.dir/fixed close 2>&1 | FileCheck --check-prefix=XOK %s
//
// CLOSE: data race on file descriptor [[FD:[0-9]+]]
// CLOSE-DAG: #0 main {{.*}}race.c:[[@LINE+44]]
// CLOSE-DAG: #0 logger {{.*}}race.c:[[@LINE+20]]
// CLOSE: help: one thread closes the descriptor while another may still use it
// DUP2: data race on file descriptor
// DUP2: #0 main {{.*}}race.c:[[@LINE+42]]
// BUF: data race on `buf[0]`
// XCLOSE: interleave explore: 1 bug (data race)
// OK: interleave: no findings in 1 run
// XOK: interleave explore: 0 bugs in
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fd, other;
static char buf[16];

static void *logger(void *arg)
{
    (void)arg;
    if (write(fd, "x", 1) != 1)
        perror("write");
    return NULL;
}

static void *peeker(void *arg)
{
    (void)arg;
    return (void *)(long)buf[0];
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "close";
    fd = open("/dev/null", O_WRONLY);
    other = open("/dev/null", O_WRONLY);
    int zero = open("/dev/zero", O_RDONLY);
    pthread_t t;
    pthread_create(&t, NULL, strcmp(mode, "buffer") == 0 ? peeker : logger, NULL);
#ifdef FIXED
    pthread_join(t, NULL);
#endif
    if (strcmp(mode, "close") == 0)
        close(fd);
    else if (strcmp(mode, "dup2") == 0)
        dup2(other, fd);
    else if (read(zero, buf, sizeof buf) != sizeof buf)
        perror("read");
#ifndef FIXED
    pthread_join(t, NULL);
#endif
    printf("done\n");
    return 0;
}
