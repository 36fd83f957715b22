/* fork_baseline: the cost floor of one explored execution, for bench/explore_throughput.sh.
 *   fork_baseline N 0   fork + _exit + waitpid, N times
 *   fork_baseline N 2   fork; the child creates and joins 2 threads, then exits; waitpid
 * Prints executions per second. Plain C, no interleave instrumentation. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void *worker(void *arg)
{
    return arg;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int threads = argc > 2 ? atoi(argv[2]) : 0;
    if (threads > 16)
        threads = 16;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0)
            return 1;
        if (p == 0) {
            pthread_t t[16];
            for (int k = 0; k < threads; k++)
                pthread_create(&t[k], NULL, worker, NULL);
            for (int k = 0; k < threads; k++)
                pthread_join(t[k], NULL);
            _exit(0);
        }
        waitpid(p, NULL, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.1f\n", n / s);
    return 0;
}
