/* Benchmark: sorts n pseudo-random ints with four threads. Each thread
 * merge-sorts its own quarter (top-down, with a scratch array), two threads
 * then merge the quarters pairwise, and main merges the two halves. Every
 * thread works on its own range, between a create and a join: race-free.
 * Prints a checksum of the sorted array, the same in every run.
 * Usage: perf_merge_sort [n=2000000] */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int *vals, *scratch;

struct span {
    size_t lo, mid, hi;
};

/* Merges vals[lo, mid) and vals[mid, hi) through scratch. */
static void merge_runs(size_t lo, size_t mid, size_t hi)
{
    size_t i = lo, j = mid, out = lo;
    while (i < mid || j < hi)
        scratch[out++] = (j >= hi || (i < mid && vals[i] <= vals[j])) ? vals[i++] : vals[j++];
    memcpy(vals + lo, scratch + lo, (hi - lo) * sizeof *vals);
}

static void sort_range(size_t lo, size_t hi)
{
    if (hi - lo <= 16) {
        for (size_t i = lo + 1; i < hi; i++)
            for (size_t j = i; j > lo && vals[j - 1] > vals[j]; j--) {
                int t = vals[j];
                vals[j] = vals[j - 1];
                vals[j - 1] = t;
            }
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    sort_range(lo, mid);
    sort_range(mid, hi);
    merge_runs(lo, mid, hi);
}

static void *sort_quarter(void *arg)
{
    const struct span *s = arg;
    sort_range(s->lo, s->hi);
    return NULL;
}

static void *merge_pair(void *arg)
{
    const struct span *s = arg;
    merge_runs(s->lo, s->mid, s->hi);
    return NULL;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000000;
    vals = malloc((n + 1) * sizeof *vals);
    scratch = malloc((n + 1) * sizeof *scratch);
    unsigned r = 2463534242u;
    for (size_t k = 0; k < n; k++) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        vals[k] = (int)(r % 1000000007u);
    }
    size_t cut[5];
    for (int q = 0; q <= 4; q++)
        cut[q] = n * (size_t)q / 4;
    pthread_t tid[4];
    struct span quarter[4], pair[2];
    for (int q = 0; q < 4; q++) {
        quarter[q] = (struct span){cut[q], 0, cut[q + 1]};
        pthread_create(&tid[q], NULL, sort_quarter, &quarter[q]);
    }
    for (int q = 0; q < 4; q++)
        pthread_join(tid[q], NULL);
    for (int p = 0; p < 2; p++) {
        pair[p] = (struct span){cut[2 * p], cut[2 * p + 1], cut[2 * p + 2]};
        pthread_create(&tid[p], NULL, merge_pair, &pair[p]);
    }
    for (int p = 0; p < 2; p++)
        pthread_join(tid[p], NULL);
    merge_runs(0, cut[2], n);
    unsigned long long sum = 0;
    for (size_t k = 0; k < n; k++) {
        assert(k == 0 || vals[k - 1] <= vals[k]);
        sum = sum * 1099511628211ull + (unsigned)vals[k];
    }
    printf("sorted %zu ints, checksum %llu\n", n, sum);
    free(vals);
    free(scratch);
    return 0;
}
