/* A detached thread writes lines into the global `journal` while main,
 * once it knows the thread is up, returns from main; an atexit handler then
 * reads journal_len and the first byte of journal. The only ordering is
 * the "up" semaphore, posted before the writes: data races on journal_len
 * and journal between the detached thread and main's exit path. main
 * blocks in sem_wait, so no preemption is needed to see the race. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

enum { JOURNAL_SIZE = 2048 };

static char journal[JOURNAL_SIZE];
static size_t journal_len;
static sem_t up;

static void report_at_exit(void)
{
    size_t n = journal_len;
    printf("journal: %zu bytes, starts with '%c'\n", n, n > 0 ? journal[0] : '?');
}

static void *scribe(void *unused)
{
    (void)unused;
    sem_post(&up); /* orders only what came before it */
    for (int line = 0; line < 64 && journal_len + 16 < JOURNAL_SIZE; line++)
        journal_len += (size_t)snprintf(journal + journal_len, 16, "line %d\n", line);
    return NULL;
}

int main(void)
{
    pthread_t t;
    sem_init(&up, 0, 0);
    atexit(report_at_exit);
    pthread_create(&t, NULL, scribe, NULL);
    pthread_detach(t);
    sem_wait(&up);
    return 0; /* exit runs report_at_exit while scribe may still write */
}
