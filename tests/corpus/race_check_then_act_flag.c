/* Lazy initialisation with a plain flag: each thread looks at `table_ready`
 * and, when it is still 0, builds the table and sets the flag. The flag is
 * read and written without synchronisation (data race on table_ready), and
 * two threads that both look before either sets it both build: then
 * assert(builds == 1) fails. `builds` is atomic and does not race. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NTHREADS = 3 };

static int table_ready;   /* the bug: a plain flag */
static atomic_int builds; /* how many threads built the table */

static void build_table(void)
{
    atomic_fetch_add(&builds, 1);
}

static void *use_table(void *unused)
{
    (void)unused;
    if (table_ready == 0) { /* check */
        build_table();
        table_ready = 1; /* act, too late for a thread that already checked */
    }
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        pthread_create(&tid[k], NULL, use_table, NULL);
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    int n = atomic_load(&builds);
    printf("table built %d time(s)\n", n);
    fflush(stdout);
    assert(n == 1);
    return 0;
}
