/* The article's Cell attempt: a value meant for one thread, shared anyway.
 *
 *     let mut x_cell = Cell::new(0);
 *     thread::scope(|scope| {
 *         for _ in 0..10 {
 *             scope.spawn(|| { for _ in 0..1_000_000 { x_cell.update(|x| x + 1); } });
 *         }
 *     });
 *
 * Rust refuses it (E0277: `Cell<i32>` cannot be shared between threads
 * safely). C has no Sync trait, so the thread-confined value (ILV_CONFINED)
 * checks at run time instead: the first thread that touches it owns it, and
 * the second one stops the program with "thread-confined value `x_cell`
 * touched by a second thread", natively and under `interleave run`.
 * Usage: 2_cell_counter [threads=10] [iterations=1000000] */
#include <interleave/sync.h>

ILV_CONFINED(counter_cell, unsigned long);

static struct counter_cell x_cell = ILV_CONFINED_INIT(0);
static long iterations = 1000000;

static int incrementer(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++)
        ILV_CONFINED_REF(&x_cell) += 1; /* checked: is this thread the owner? */
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
    printf("x = %lu\n", ILV_CONFINED_REF(&x_cell));
    return err != 0;
}
