// Every part of the API used correctly: no diagnostic with clang's
// -Wthread-safety (and its beta checks), and none with -Wall -Wextra
// -Wpedantic as C11 and C17 with gcc and clang, nor as C++17 with g++ and
// clang++. Built natively, it runs and prints what it should.
// RUN: %clang -fsyntax-only -Wthread-safety -Wthread-safety-beta -Werror -I%srcroot/include %s
// RUN: %clang -fsyntax-only -std=c11 -Wall -Wextra -Wpedantic -Werror -Wthread-safety -I%srcroot/include %s
// RUN: %clang -fsyntax-only -std=c17 -Wall -Wextra -Wpedantic -Werror -Wthread-safety -I%srcroot/include %s
// RUN: %gcc -fsyntax-only -std=c11 -Wall -Wextra -Wpedantic -Werror -I%srcroot/include %s
// RUN: %gcc -fsyntax-only -std=c17 -Wall -Wextra -Wpedantic -Werror -I%srcroot/include %s
// RUN: %gcc -fsyntax-only -x c++ -std=c++17 -Wall -Wextra -Werror -I%srcroot/include %s
// RUN: %clang -fsyntax-only -x c++ -std=c++17 -Wall -Wextra -Werror -Wthread-safety -I%srcroot/include %s
// The header on its own:
// RUN: %gcc -fsyntax-only -std=c11 -Wall -Wextra -Wpedantic -Werror -x c -include %srcroot/include/interleave/sync.h /dev/null
// RUN: %clang -fsyntax-only -std=c17 -Wall -Wextra -Wpedantic -Werror -Wthread-safety -x c -include %srcroot/include/interleave/sync.h /dev/null
// RUN: %gcc -fsyntax-only -x c++ -std=c++17 -Wall -Wextra -Werror -include %srcroot/include/interleave/sync.h /dev/null
// RUN: %clang -fsyntax-only -x c++ -std=c++17 -Wall -Wextra -Werror -include %srcroot/include/interleave/sync.h /dev/null
// Strict C11 after another system header hides POSIX.1-2008: one clear error.
// RUN: not %gcc -fsyntax-only -std=c11 -include stdio.h -include %srcroot/include/interleave/sync.h -x c /dev/null 2>&1 | FileCheck --check-prefix=POSIX %s
// RUN: %gcc -fsyntax-only -std=c11 -D_POSIX_C_SOURCE=200809L -include stdio.h -include %srcroot/include/interleave/sync.h -x c /dev/null
// Included first in the default gnu mode, it leaves the default extensions (usleep) visible.
// RUN: %gcc -fsyntax-only -std=gnu17 -Wall -Werror -DGNU_EXTRAS -I%srcroot/include %s
// POSIX: error: #error "interleave/sync.h needs POSIX.1-2008: #define _POSIX_C_SOURCE 200809L before the first #include, or compile with -std=gnu17"
// RUN: %gcc -std=c17 -O2 -pthread -Wall -Wextra -Werror -I%srcroot/include %s -o %t.gcc && %t.gcc | FileCheck %s
// RUN: %clang -std=c11 -O2 -pthread -Wall -Wextra -Werror -Wthread-safety -I%srcroot/include %s -o %t.clang && %t.clang | FileCheck %s
// CHECK: hits=8002 total=32008 cfg=7 item=42 err=0 tally=3
#include <interleave/sync.h>

#include <string.h>
#ifdef GNU_EXTRAS
#include <unistd.h>
static inline void nap(void)
{
    usleep(1);
}
#endif

ILV_GUARDED(counter, long);

struct queue_state {
    int items[8];
    int n;
};
ILV_GUARDED(queue, struct queue_state);

struct settings {
    int level;
    char name[8];
};
ILV_RW_GUARDED(config, struct settings);

ILV_CONFINED(tally, long);

static struct counter hits = ILV_GUARDED_INIT(0);
static struct queue q = ILV_GUARDED_INIT({{0}, 0});
static struct ilv_cond q_nonempty = ILV_COND_INIT;
static struct config cfg = ILV_RW_GUARDED_INIT({1, "init"});

/* A helper that expects the caller to hold the lock. */
static void add_locked(struct counter *c, long v) ILV_REQUIRES(c->mu);
static void add_locked(struct counter *c, long v)
{
    ILV_REF(c) += v;
}

/* Every way out of a lock block releases the lock. */
static long exits(struct counter *c, int how)
{
    for (int i = 0; i < 3; i++) {
        ILV_WITH_LOCK(c, p)
        {
            if (how == 0 && i == 1)
                continue;
            if (how == 1)
                break;
            if (how == 2)
                return *p;
            if (how == 3)
                goto out;
            *p += 1;
        }
    }
out:
    ILV_WITH_LOCK(c, p) { return *p; }
    return -1;
}

static int worker(void *arg)
{
    struct counter *c = (struct counter *)arg;
    for (int i = 0; i < 1000; i++) {
        ILV_WITH_LOCK(c, n) { *n += 1; }
        ilv_lock(&c->mu);
        add_locked(c, 1);
        ilv_unlock(&c->mu);
    }
    ILV_WITH_READ(&cfg, s)
    {
        if (s->level < 0)
            return -EINVAL;
    }
    return 0;
}

static int producer(void *arg)
{
    (void)arg;
    ILV_WITH_LOCK(&q, s)
    {
        s->items[s->n++] = 42;
        ilv_signal(&q_nonempty);
    }
    return 0;
}

static int total_of(const struct config *c)
{
    int level;
    ilv_read_lock(&((struct config *)c)->mu);
    level = ILV_READ_REF(c).level;
    ilv_read_unlock(&((struct config *)c)->mu);
    return level;
}

int main(void)
{
    int err = -1;
    ILV_THREAD_SCOPE(s, err)
    {
        for (int i = 0; i < 4; i++)
            ilv_spawn(s, worker, &hits);
    }

    long total = 0;
    for (int how = 0; how < 4; how++)
        total += exits(&hits, how);

    if (ilv_trylock(&hits.mu)) {
        ILV_REF(&hits) += 0;
        ilv_unlock(&hits.mu);
    }

    ILV_WITH_WRITE(&cfg, c)
    {
        c->level = 7;
        strcpy(c->name, "seven");
    }
    ilv_write_lock(&cfg.mu);
    ILV_WRITE_REF(&cfg).level += 0;
    ilv_write_unlock(&cfg.mu);
    if (ilv_try_read_lock(&cfg.mu))
        ilv_read_unlock(&cfg.mu);
    if (ilv_try_write_lock(&cfg.mu))
        ilv_write_unlock(&cfg.mu);

    int item = 0, perr = 0;
    ILV_THREAD_SCOPE(s, perr)
    {
        ilv_spawn(s, producer, NULL);
        ILV_WITH_LOCK(&q, st)
        {
            while (st->n == 0)
                ilv_wait(&q_nonempty, &q.mu);
            item = st->items[--st->n];
        }
    }

    struct timespec past = {0, 0};
    ilv_lock(&q.mu);
    int timed = ilv_wait_until(&q_nonempty, &q.mu, &past);
    ilv_unlock(&q.mu);

    struct tally t = ILV_CONFINED_INIT(0);
    for (int i = 0; i < 3; i++)
        ILV_CONFINED_REF(&t) += 1;
    ILV_CONFINED_SEND(&t);

    struct counter dyn;
    if (ilv_mutex_init(&dyn.mu) != 0)
        return 1;
    ILV_GET_MUT(&dyn) = 5;
    ilv_lock(&dyn.mu);
    ilv_assert_held(&dyn.mu);
    ilv_unlock(&dyn.mu);
    ilv_mutex_destroy(&dyn.mu);

    printf("hits=%ld total=%ld cfg=%d item=%d err=%d tally=%ld\n", ILV_GET_MUT(&hits), total,
           total_of(&cfg), item, err | perr | (timed != -ETIMEDOUT), ILV_CONFINED_REF(&t));
    return 0;
}
