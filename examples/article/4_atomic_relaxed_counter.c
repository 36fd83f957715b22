/* The article's lock-free counter: a relaxed atomic fetch_add.
 *
 *     let x_atomic = AtomicU64::new(0);
 *     thread::scope(|scope| {
 *         for _ in 0..10 {
 *             scope.spawn(|| {
 *                 for _ in 0..1_000_000 { x_atomic.fetch_add(1, Ordering::Relaxed); }
 *             });
 *         }
 *     });
 *     let x = x_atomic.load(Ordering::Relaxed);
 *
 * AtomicU64 is C11's _Atomic uint64_t (<stdatomic.h>); sync.h only brings
 * the scoped threads. Each fetch_add is one indivisible read-modify-write:
 * correct, prints 10000000, and `interleave run` finds nothing.
 * Usage: 4_atomic_relaxed_counter [threads=10] [iterations=1000000] */
#include <interleave/sync.h>

#include <stdatomic.h>

static _Atomic uint64_t x_atomic;
static long iterations = 1000000;

static int incrementer(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        atomic_fetch_add_explicit(&x_atomic, 1, memory_order_relaxed);
    return 0;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 10;
    if (argc > 2)
        iterations = atol(argv[2]);
    int err = 0;
    ILV_THREAD_SCOPE(scope, err)
    {
        for (int i = 0; i < threads; i++)
            ilv_spawn(scope, incrementer, NULL);
    }
    uint64_t x = atomic_load_explicit(&x_atomic, memory_order_relaxed);
    printf("x = %llu (expected %lu)\n", (unsigned long long)x, (unsigned long)threads * iterations);
    return err != 0;
}
