/* A read-only record shared through an atomic reference count. Each thread
 * reads the record, then drops its reference with
 * atomic_fetch_sub_explicit(..., memory_order_release); whoever drops the
 * last one issues atomic_thread_fence(memory_order_acquire) and frees it.
 * The release decrements and that acquire fence order every reader's reads
 * before the free: no data race, no use after free. (Detectors that ignore
 * standalone fences report the free against a read.) */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 3, FIELDS = 12 };

struct record {
    atomic_int users;
    long fields[FIELDS];
};

static atomic_int frees;

static void put_record(struct record *r)
{
    if (atomic_fetch_sub_explicit(&r->users, 1, memory_order_release) == 1) {
        atomic_thread_fence(memory_order_acquire);
        free(r);
        atomic_fetch_add(&frees, 1);
    }
}

static void *read_record(void *arg)
{
    struct record *r = arg;
    long *sum = malloc(sizeof *sum);
    *sum = 0;
    for (int k = 0; k < FIELDS; k++)
        *sum += r->fields[k];
    put_record(r);
    return sum;
}

int main(void)
{
    struct record *r = malloc(sizeof *r);
    atomic_init(&r->users, NTHREADS);
    for (int k = 0; k < FIELDS; k++)
        r->fields[k] = 10 * k;
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, read_record, r);
    long total = 0;
    for (int k = 0; k < NTHREADS; k++) {
        void *sum;
        pthread_join(tid[k], &sum);
        assert(*(long *)sum == 10L * FIELDS * (FIELDS - 1) / 2);
        total += *(long *)sum;
        free(sum);
    }
    assert(atomic_load(&frees) == 1);
    printf("total %ld, record freed once\n", total);
    return 0;
}
