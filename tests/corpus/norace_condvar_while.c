/* The correct twin of assert_cond_if_not_while.c: two consumers each wait
 * for one token in a `while (tokens == 0)` loop, two producers each add one
 * token and signal. A consumer whose wakeup was stolen (or spurious) checks
 * again and waits again. No data race, tokens never go below zero, and each
 * consumer gets exactly one. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t tok_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tok_added = PTHREAD_COND_INITIALIZER;
static int tokens, taken; /* guarded by tok_mutex */

static void *add_token(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&tok_mutex);
    tokens++;
    pthread_cond_signal(&tok_added);
    pthread_mutex_unlock(&tok_mutex);
    return NULL;
}

static void *take_token(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&tok_mutex);
    while (tokens == 0)
        pthread_cond_wait(&tok_added, &tok_mutex);
    assert(tokens > 0);
    tokens--;
    taken++;
    pthread_mutex_unlock(&tok_mutex);
    return NULL;
}

int main(void)
{
    pthread_t c1, c2, p1, p2;
    pthread_create(&c1, NULL, take_token, NULL);
    pthread_create(&c2, NULL, take_token, NULL);
    pthread_create(&p1, NULL, add_token, NULL);
    pthread_create(&p2, NULL, add_token, NULL);
    pthread_join(c1, NULL);
    pthread_join(c2, NULL);
    pthread_join(p1, NULL);
    pthread_join(p2, NULL);
    printf("taken %d, left %d\n", taken, tokens);
    assert(taken == 2 && tokens == 0);
    return 0;
}
