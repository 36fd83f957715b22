/* The article's last program: every access atomic, the update still lost.
 *
 *     let x_atomic = AtomicU64::new(0);
 *     thread::scope(|scope| {
 *         for _ in 0..10 {
 *             scope.spawn(|| {
 *                 for _ in 0..1_000_000 {
 *                     let x = x_atomic.load(Ordering::SeqCst);
 *                     x_atomic.store(x + 1, Ordering::SeqCst);
 *                 }
 *             });
 *         }
 *     });
 *
 * Rust compiles it and so does C: there is no data race, every access is
 * atomic. But the load and the store are two steps, and another thread can
 * store in between: its update is overwritten ("In one example run, I got
 * the output 3272455"). No type system can refuse this; `interleave run`
 * reports the lost update with its schedule diagram.
 * Usage: 5_atomic_load_store_counter [threads=10] [iterations=1000000] */
#include <interleave/sync.h>

#include <stdatomic.h>

static _Atomic uint64_t x_atomic;
static long iterations = 1000000;

static int incrementer(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        uint64_t x = atomic_load_explicit(&x_atomic, memory_order_seq_cst);
        atomic_store_explicit(&x_atomic, x + 1, memory_order_seq_cst); /* may overwrite */
    }
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
    uint64_t x = atomic_load_explicit(&x_atomic, memory_order_seq_cst);
    printf("x = %llu (expected %lu)\n", (unsigned long long)x, (unsigned long)threads * iterations);
    return err != 0;
}
