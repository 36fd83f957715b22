/* Pointers into every kind of memory flow through racy globals, so that the reports'
 * access diagrams print them: main's stack (moves with the environment's size), a
 * thread's stack and an mmapped block (move with the fork server's own mappings), and
 * a brk heap block allocated after another thread started and finished (libc's thread
 * start-up and teardown touch the heap). Replay must print the values explore printed. */
#include <pthread.h>
#include <stdlib.h>

int *g_main_stack, *g_thread_stack;
void *g_heap, *g_mmapped;
volatile int g_sink, g_count;

static void *churn(void *arg)
{
    void *b[7];
    for (int i = 0; i < 7; i++)
        b[i] = malloc(40);
    for (int i = 0; i < 7; i++)
        free(b[i]);
    return arg;
}

static void *publisher(void *arg)
{
    int local = 0;
    g_thread_stack = &local; /* each races with main's read */
    g_heap = malloc(40);
    g_mmapped = malloc(1 << 20);
    g_sink = g_main_stack != 0; /* races with main's write */
    return arg;
}

int main(void)
{
    int local = 0;
    pthread_t a, b;
    /* 100,000 decisions before the threads: the token's prefix is long, the one of the
     * execution that explore reports is not */
    for (int i = 0; i < 50000; i++)
        g_count++;
    pthread_create(&a, NULL, churn, NULL);
    pthread_create(&b, NULL, publisher, NULL);
    g_main_stack = &local;
    g_sink = (g_thread_stack != 0) + (g_heap != 0) + (g_mmapped != 0);
    pthread_join(b, NULL); /* first: churn finishes, then publisher runs */
    pthread_join(a, NULL);
    return 0;
}
