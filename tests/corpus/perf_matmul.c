/* Benchmark: repeated matrix products, P <- P * Q for `rounds` rounds on
 * n x n doubles, rows split over four threads, a pthread barrier after each
 * round. A thread writes only its own rows of the next matrix and reads the
 * current one, which nobody writes in that round: race-free. Each element is
 * summed in a fixed order, so the printed checksums are the same in every
 * run. Usage: perf_matmul [n=300] [rounds=6] */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 4 };

static int n, rounds;
static double *q, *p[2];
static pthread_barrier_t round_done;

static void *multiply_rows(void *arg)
{
    int part = *(const int *)arg;
    int lo = n * part / NTHREADS, hi = n * (part + 1) / NTHREADS;
    for (int r = 0; r < rounds; r++) {
        const double *src = p[r & 1];
        double *dst = p[(r + 1) & 1];
        for (int i = lo; i < hi; i++)
            for (int j = 0; j < n; j++) {
                double dot = 0.0; /* row i of src times column j of q */
                for (int k = 0; k < n; k++)
                    dot += src[i * n + k] * q[k * n + j];
                dst[i * n + j] = dot;
            }
        pthread_barrier_wait(&round_done);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    n = argc > 1 ? atoi(argv[1]) : 300;
    rounds = argc > 2 ? atoi(argv[2]) : 6;
    if (n < 1 || rounds < 0) {
        fprintf(stderr, "usage: %s [n >= 1] [rounds >= 0]\n", argv[0]);
        return 2;
    }
    size_t cells = (size_t)n * (size_t)n;
    q = malloc(cells * sizeof *q);
    p[0] = malloc(cells * sizeof *q);
    p[1] = malloc(cells * sizeof *q);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            p[0][i * n + j] = (double)((i * 3 + j * 5) % 9) - 4.0;
            q[i * n + j] = (double)((i + 2 * j) % 7 + 1) / (4.0 * n); /* keeps values bounded */
        }
    pthread_barrier_init(&round_done, NULL, NTHREADS);
    pthread_t tid[NTHREADS];
    int parts[NTHREADS];
    for (int k = 0; k < NTHREADS; k++) {
        parts[k] = k;
        pthread_create(&tid[k], NULL, multiply_rows, &parts[k]);
    }
    for (int k = 0; k < NTHREADS; k++)
        pthread_join(tid[k], NULL);
    pthread_barrier_destroy(&round_done);
    const double *m = p[rounds & 1];
    double diag = 0.0, all = 0.0;
    for (int i = 0; i < n; i++) {
        diag += m[i * n + i];
        for (int j = 0; j < n; j++)
            all += m[i * n + j] * (double)((i + j) % 5);
    }
    printf("n %d, %d rounds: diagonal %.9e, weighted %.9e\n", n, rounds, diag, all);
    free(q);
    free(p[0]);
    free(p[1]);
    return 0;
}
