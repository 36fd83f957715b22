/* A small bank: three clerks move random amounts between six accounts and
 * an inspector adds up all balances, every access to `balances` with
 * `bank_mutex` held. No data race, and the money is conserved in every
 * snapshot the inspector takes. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { NACCOUNTS = 6, NCLERKS = 3, MOVES = 1500, START = 500, SNAPSHOTS = 40 };

static pthread_mutex_t bank_mutex = PTHREAD_MUTEX_INITIALIZER;
static long balances[NACCOUNTS]; /* guarded by bank_mutex */

static long sum_all(void)
{
    long s = 0;
    for (int k = 0; k < NACCOUNTS; k++)
        s += balances[k];
    return s;
}

static void *clerk(void *arg)
{
    unsigned r = *(const unsigned *)arg;
    for (int k = 0; k < MOVES; k++) {
        r = r * 1664525u + 1013904223u;
        int from = (int)((r >> 10) % NACCOUNTS), to = (int)((r >> 20) % NACCOUNTS);
        long amount = (long)(r >> 27);
        pthread_mutex_lock(&bank_mutex);
        if (balances[from] >= amount) {
            balances[from] -= amount;
            balances[to] += amount;
        }
        pthread_mutex_unlock(&bank_mutex);
    }
    return NULL;
}

static void *inspector(void *unused)
{
    (void)unused;
    for (int k = 0; k < SNAPSHOTS; k++) {
        pthread_mutex_lock(&bank_mutex);
        long s = sum_all();
        pthread_mutex_unlock(&bank_mutex);
        assert(s == (long)NACCOUNTS * START);
    }
    return NULL;
}

int main(void)
{
    for (int k = 0; k < NACCOUNTS; k++)
        balances[k] = START;
    unsigned seeds[NCLERKS] = {11, 22, 33};
    pthread_t clerks[NCLERKS], insp;
    pthread_create(&insp, NULL, inspector, NULL);
    for (int k = 0; k < NCLERKS; k++)
        pthread_create(&clerks[k], NULL, clerk, &seeds[k]);
    for (int k = 0; k < NCLERKS; k++)
        pthread_join(clerks[k], NULL);
    pthread_join(insp, NULL);
    printf("bank holds %ld\n", sum_all());
    assert(sum_all() == (long)NACCOUNTS * START);
    return 0;
}
