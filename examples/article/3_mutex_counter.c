/* The article's first correct program: a Mutex that owns the counter.
 *
 *     let x_mutex = Mutex::new(0);
 *     thread::scope(|scope| {
 *         for _ in 0..10 {
 *             scope.spawn(|| { for _ in 0..1_000_000 { *x_mutex.lock().unwrap() += 1; } });
 *         }
 *     });
 *     let x = x_mutex.into_inner().unwrap();
 *
 * ILV_GUARDED is Mutex<T>, ILV_WITH_LOCK the guard that lives for one
 * block, ILV_THREAD_SCOPE is thread::scope and ILV_GET_MUT is into_inner
 * (every thread is joined by then). It compiles cleanly under clang
 * -Wthread-safety -Werror, prints 10000000, and `interleave run` finds
 * nothing.
 * Usage: 3_mutex_counter [threads=10] [iterations=1000000] */
#include <interleave/sync.h>

ILV_GUARDED(counter, unsigned long);

static struct counter x_mutex = ILV_GUARDED_INIT(0);
static long iterations = 1000000;

static int incrementer(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        ILV_WITH_LOCK(&x_mutex, x)
        {
            *x += 1;
        } /* unlocked at the closing brace */
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
    printf("x = %lu (expected %lu)\n", ILV_GET_MUT(&x_mutex), (unsigned long)threads * iterations);
    return err != 0;
}
