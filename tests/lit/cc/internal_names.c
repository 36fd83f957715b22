// The runtime's internal names are local to it (scripts/link_runtime.sh): a program
// may define functions and variables named like them, links, calls its own, and the
// runtime still works (it finds the race on `counter`).
// REQUIRES: runtime
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -O1 -g %s -o %t.dir/gcc
// RUN: not %interleave run --seed 1 %t.dir/gcc > %t.dir/gcc.out 2> %t.dir/gcc.err
// RUN: FileCheck --check-prefix=OUT %s < %t.dir/gcc.out
// RUN: FileCheck --check-prefix=RACE %s < %t.dir/gcc.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %s -o %t.dir/clang
// RUN: not %interleave run --seed 1 %t.dir/clang > %t.dir/clang.out 2> %t.dir/clang.err
// RUN: FileCheck --check-prefix=OUT %s < %t.dir/clang.out
// RUN: FileCheck --check-prefix=RACE %s < %t.dir/clang.err
// OUT: shadow_init=1 history_add=2 arena_alloc=3 vclock_copy=4 mem_copy=5 g_opt=6
// RACE: data race on `counter`
#include <pthread.h>
#include <stdio.h>

int g_opt = 6;
long counter;

int shadow_init(void)
{
    return 1;
}
int history_add(void)
{
    return 2;
}
int arena_alloc(void)
{
    return 3;
}
int vclock_copy(void)
{
    return 4;
}
int mem_copy(void)
{
    return 5;
}

static void *bump(void *arg)
{
    (void)arg;
    counter++;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, bump, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("shadow_init=%d history_add=%d arena_alloc=%d vclock_copy=%d mem_copy=%d g_opt=%d\n",
           shadow_init(), history_add(), arena_alloc(), vclock_copy(), mem_copy(), g_opt);
    return 0;
}
