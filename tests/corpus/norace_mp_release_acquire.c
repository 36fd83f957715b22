/* Message passing done right: the sender fills a plain struct and then
 * stores 1 to the atomic `sent` with memory_order_release; the receiver
 * spins on an acquire load of `sent` and then reads the struct. The
 * release/acquire pair orders the plain writes before the plain reads: no
 * data race, and the check holds on any hardware. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

struct letter {
    int number;
    double weight;
    char stamp[6];
};

static struct letter letter;
static atomic_int sent;

static void *send_letter(void *unused)
{
    (void)unused;
    letter.number = 12;
    letter.weight = 0.75;
    letter.stamp[0] = 'A';
    letter.stamp[1] = '\0';
    atomic_store_explicit(&sent, 1, memory_order_release);
    return NULL;
}

static void *receive_letter(void *unused)
{
    (void)unused;
    while (!atomic_load_explicit(&sent, memory_order_acquire))
        sched_yield();
    assert(letter.number == 12 && letter.weight == 0.75 && letter.stamp[0] == 'A');
    printf("letter %d, stamp %s\n", letter.number, letter.stamp);
    return NULL;
}

int main(void)
{
    pthread_t s, r;
    pthread_create(&r, NULL, receive_letter, NULL);
    pthread_create(&s, NULL, send_letter, NULL);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    return 0;
}
