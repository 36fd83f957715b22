// The string functions of libc are range accesses: strcpy writes the
// bytes it copies, strlen reads up to the terminator. A strcpy into a shared
// buffer racing with another thread's strlen of it is reported (BUG: no
// lock); under a mutex it is not. The functions still return what libc
// returns, and strdup's block is a heap object of the caller's.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t && env INTERLEAVE_OPTIONS=report_fd=2 %t > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.clang && env INTERLEAVE_OPTIONS="report_fd=2 seed=4" %t.clang > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=OUT %s < %t.out && FileCheck --check-prefix=SILENT %s < %t.err
// RUN: %icc -O1 -g -DBUG %s -o %t.bug && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g -DBUG %s -o %t.bug.clang && env INTERLEAVE_OPTIONS=report_fd=2 %t.bug.clang 2>&1 | FileCheck --check-prefix=RACE %s
// The same through the driver's report:
// RUN: not %interleave run %t.bug 2>&1 | FileCheck --check-prefix=REPORT %s
//
// REPORT: data race on `shared
// OUT: strlen 11 strnlen 5 strcmp <0 strncmp 0 memcmp >0 bcmp !=
// OUT: strchr o strrchr o strstr world memchr w memrchr w
// OUT: strcpy hello stpcpy 5 strncpy hel strcat hello world strncat hello wo
// OUT: strdup hello world strndup hello bzero 0 0
// OUT: lengths seen: {{[0-9]+}}
// SILENT-NOT: kind=race
// SILENT: summary findings=0
// RACE: finding id={{[0-9]+}} kind=race
// RACE: summary findings={{[1-9]}}
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char shared[64] = "initial";
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static const char *volatile words[2] = {"short", "a longer string"};

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
#ifndef BUG
        pthread_mutex_lock(&m);
#endif
        strcpy(shared, words[i & 1]);
#ifndef BUG
        pthread_mutex_unlock(&m);
#endif
    }
    return NULL;
}

static void *reader(void *arg)
{
    size_t *total = arg;
    for (int i = 0; i < 50; i++) {
#ifndef BUG
        pthread_mutex_lock(&m);
#endif
        *total += strlen(shared);
#ifndef BUG
        pthread_mutex_unlock(&m);
#endif
    }
    return NULL;
}

int main(void)
{
    /* volatile sources keep the compiler from folding the calls */
    const char *volatile hw = "hello world", *volatile he = "hello", *volatile wo = "world";
    char buf[64];
    printf("strlen %zu strnlen %zu strcmp %s strncmp %d memcmp %s bcmp %s\n", strlen(hw),
           strnlen(hw, 5), strcmp(he, wo) < 0 ? "<0" : "?", strncmp(hw, he, 5),
           memcmp(wo, he, 5) > 0 ? ">0" : "?", bcmp(hw, wo, 5) ? "!=" : "==");
    printf("strchr %s strrchr %s strstr %s memchr %s memrchr %s\n", strchr(hw, 'o') + 4 == hw + 8 ? "o" : "?",
           strrchr(hw, 'o') == hw + 7 ? "o" : "?", strstr(hw, wo), (char *)memchr(hw, 'w', 11) == hw + 6 ? "w" : "?",
           (char *)memrchr(hw, 'w', 11) == hw + 6 ? "w" : "?");
    strcpy(buf, he);
    printf("strcpy %s ", buf);
    printf("stpcpy %d ", (int)(stpcpy(buf, he) - buf));
    memset(buf, 0, sizeof buf);
    strncpy(buf, he, 3);
    printf("strncpy %s ", buf);
    strcpy(buf, he);
    strcat(buf, " ");
    strcat(buf, wo);
    printf("strcat %s ", buf);
    strcpy(buf, he);
    strncat(buf, " world", 3);
    printf("strncat %s\n", buf);
    char *d = strdup(hw), *n = strndup(hw, 5);
    bzero(buf, 8);
    explicit_bzero(buf + 8, 8);
    printf("strdup %s strndup %s bzero %d %d\n", d, n, buf[0], buf[15]);
    free(d);
    free(n);

    pthread_t w, r;
    size_t total = 0;
    pthread_create(&w, NULL, writer, NULL);
    pthread_create(&r, NULL, reader, &total);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("lengths seen: %zu\n", total);
    return 0;
}
