/* Four threads each fill their own block of `cells`, but the loop runs one
 * element too far (`<=` instead of `<`), so thread k also writes the first
 * cell of block k+1. Only cells[200], cells[400] and cells[600] are written
 * by two threads: a precise tool reports those elements, not the array. */
#include <pthread.h>
#include <stdio.h>

enum { NTHREADS = 4, BLOCK = 200, NCELLS = NTHREADS * BLOCK };

struct block {
    int first;
    short mark;
};

static short cells[NCELLS + 1];

static void *fill(void *arg)
{
    const struct block *b = arg;
    for (int c = b->first; c <= b->first + BLOCK; c++) /* the bug: one past the block */
        cells[c] = b->mark;
    return NULL;
}

int main(void)
{
    pthread_t tid[NTHREADS];
    struct block blocks[NTHREADS];
    for (int k = 0; k < NTHREADS; k++) {
        blocks[k] = (struct block){k * BLOCK, (short)(k + 1)};
        pthread_create(&tid[k], NULL, fill, &blocks[k]);
    }
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    long sum = 0;
    for (int c = 0; c <= NCELLS; c++)
        sum += cells[c];
    printf("boundary cells: %d %d %d, sum %ld\n", cells[BLOCK], cells[2 * BLOCK], cells[3 * BLOCK],
           sum);
    return 0;
}
