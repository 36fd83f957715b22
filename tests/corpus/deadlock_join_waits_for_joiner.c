/* main creates a worker that waits (correctly, in a while loop on a
 * condition variable) until main sets `released`, but main joins the worker
 * before it sets it. main waits for the worker to end, the worker waits for
 * main: a deadlock in every schedule. Natively the program hangs; run it
 * with a timeout. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t gate_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_open = PTHREAD_COND_INITIALIZER;
static int released; /* guarded by gate_mutex */

static void *wait_at_gate(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&gate_mutex);
    while (!released)
        pthread_cond_wait(&gate_open, &gate_mutex);
    pthread_mutex_unlock(&gate_mutex);
    puts("through the gate");
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, wait_at_gate, NULL);
    pthread_join(t, NULL); /* the bug: the gate is opened only after this */
    pthread_mutex_lock(&gate_mutex);
    released = 1;
    pthread_cond_signal(&gate_open);
    pthread_mutex_unlock(&gate_mutex);
    return 0;
}
