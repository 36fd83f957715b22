/* The article's first Rust program: ten scoped threads add 1 to a shared
 * `x` a million times each.
 *
 *     let mut x = 0;
 *     thread::scope(|scope| {
 *         for _ in 0..10 {
 *             scope.spawn(|| { for _ in 0..1_000_000 { x += 1; } });
 *         }
 *     });
 *
 * Rust refuses it (E0499: `x` borrowed as mutable more than once). In C,
 * shared data that is declared as guarded (ILV_GUARDED: a mutex that owns
 * the value) cannot be touched without its lock: clang -Wthread-safety
 * refuses `x.value += 1` below. A compiler without the analysis (gcc)
 * builds it, and `interleave run` reports the data race and the lost
 * updates at run time.
 * Usage: 1_racy_counter [threads=10] [iterations=1000000] */
#include <interleave/sync.h>

ILV_GUARDED(counter, unsigned long);

static struct counter x = ILV_GUARDED_INIT(0);
static long iterations = 1000000;

static int incrementer(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        x.value += 1; /* no lock: refused by clang, a data race at run time */
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
    printf("x = %lu (expected %lu)\n", ILV_GET_MUT(&x), (unsigned long)threads * iterations);
    return err != 0;
}
