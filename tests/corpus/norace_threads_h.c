/* A counter guarded by a C11 mtx_t, with threads from <threads.h>
 * (thrd_create / thrd_join). mtx_lock and mtx_unlock order the increments
 * like a pthread mutex: no data race, no lost update. A tool must model the
 * C11 thread API (or the pthread calls below it). */
#include <assert.h>
#include <stdio.h>
#include <threads.h>

enum { NTHREADS = 4, ROUNDS = 3000 };

static mtx_t votes_lock;
static long votes; /* guarded by votes_lock */

static int vote(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        mtx_lock(&votes_lock);
        votes++;
        mtx_unlock(&votes_lock);
    }
    return 0;
}

int main(void)
{
    if (mtx_init(&votes_lock, mtx_plain) != thrd_success)
        return 1;
    thrd_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++)
        if (thrd_create(&tid[k], vote, NULL) != thrd_success)
            return 1;
    for (int k = 0; k < NTHREADS; k++)
        thrd_join(tid[k], NULL);
    mtx_destroy(&votes_lock);
    printf("votes = %ld\n", votes);
    assert(votes == (long)NTHREADS * ROUNDS);
    return 0;
}
