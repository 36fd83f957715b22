/* Two receive threads account frames in one calloc'ed `struct link_stats`
 * with plain `+=` on its two fields. Data races on the heap fields
 * st->frames and st->octets; increments can be lost, so the totals that
 * main checks after the joins can be short. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { FRAMES = 400 };

struct link_stats {
    long frames;
    long octets;
};

static int frame_size(int k)
{
    return 60 + (k % 8) * 100;
}

static void *receive(void *arg)
{
    struct link_stats *st = arg;
    for (int k = 0; k < FRAMES; k++) {
        st->frames += 1;
        st->octets += frame_size(k);
    }
    return NULL;
}

int main(void)
{
    struct link_stats *st = calloc(1, sizeof *st);
    long octets = 0;
    for (int k = 0; k < FRAMES; k++)
        octets += frame_size(k);
    pthread_t a, b;
    pthread_create(&a, NULL, receive, st);
    pthread_create(&b, NULL, receive, st);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%ld frames, %ld octets\n", st->frames, st->octets);
    fflush(stdout);
    assert(st->frames == 2 * FRAMES && st->octets == 2 * octets);
    free(st);
    return 0;
}
