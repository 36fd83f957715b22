/* The counter of the article, four ways, for bench/sync_overhead.sh:
 *   -DVARIANT=1  hand-written: a pthread_mutex_t and a long, lock/++/unlock
 *   -DVARIANT=2  interleave/sync.h: ILV_GUARDED + ILV_WITH_LOCK, release build
 *                (NDEBUG: the owner word is kept, the unlock check is off)
 *   -DVARIANT=3  the same, debug build (no NDEBUG: the unlock check is on)
 *   -DVARIANT=4  the same with ILV_SYNC_NO_CHECKS defined (no owner word)
 * Both use the same thread scaffolding (plain pthread_create/join), so only
 * the counter differs. Prints the wall time and the process CPU time of the
 * threads' work in ns (clock_gettime around create..join, so process
 * start-up is not counted).
 * Usage: sync_overhead [threads=2] [iterations=2000000] */
#define _POSIX_C_SOURCE 200809L
#ifndef VARIANT
#define VARIANT 2
#endif
#if VARIANT == 2 && !defined(NDEBUG)
#define NDEBUG
#elif VARIANT == 3
#undef NDEBUG
#elif VARIANT == 4
#define ILV_SYNC_NO_CHECKS
#endif
#include <interleave/sync.h>

#include <time.h>

static long iterations = 2000000;

#if VARIANT == 1
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned long count;

static void *worker(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        pthread_mutex_lock(&mu);
        count += 1;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static unsigned long total(void)
{
    return count;
}
#else
ILV_GUARDED(counter, unsigned long);
static struct counter count = ILV_GUARDED_INIT(0);

static void *worker(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        ILV_WITH_LOCK(&count, n)
        {
            *n += 1;
        }
    return NULL;
}

static unsigned long total(void)
{
    return ILV_GET_MUT(&count);
}
#endif

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    if (argc > 2)
        iterations = atol(argv[2]);
    if (threads < 1 || threads > 64 || iterations < 0) {
        fprintf(stderr, "usage: %s [threads 1..64] [iterations]\n", argv[0]);
        return 2;
    }
    pthread_t t[64];
    struct timespec a, b, ca, cb;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
    if (total() != (unsigned long)threads * (unsigned long)iterations) {
        fprintf(stderr, "wrong count %lu\n", total());
        return 1;
    }
    printf("%lld %lld\n", (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec),
           (long long)(cb.tv_sec - ca.tv_sec) * 1000000000LL + (cb.tv_nsec - ca.tv_nsec));
    return 0;
}
