/* A struct with its own mutex that covers one field but not its neighbour:
 * `locked_hits` is only changed with acct.mutex held, `free_hits` (in the
 * same 8-byte word) never. Both threads bump both. Data race on
 * acct.free_hits only; a precise tool must not report acct.locked_hits even
 * though the two share a word. Lost updates can make the last assert fail. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { ROUNDS = 800 };

struct account {
    pthread_mutex_t mutex;
    int locked_hits; /* guarded by mutex */
    int free_hits;   /* the bug: no lock */
};

static struct account acct = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void *hit(void *unused)
{
    (void)unused;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&acct.mutex);
        acct.locked_hits++;
        pthread_mutex_unlock(&acct.mutex);
        acct.free_hits++;
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, hit, NULL);
    pthread_create(&b, NULL, hit, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("locked %d, free %d\n", acct.locked_hits, acct.free_hits);
    fflush(stdout);
    assert(acct.locked_hits == 2 * ROUNDS);
    assert(acct.free_hits == 2 * ROUNDS);
    return 0;
}
