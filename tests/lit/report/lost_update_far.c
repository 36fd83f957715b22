// A lost update whose stale read lies far back: T1 loads `counter` (0) and waits; T2 then
// does 40000 increments (80000 accesses, more than the runtime's event ring holds); T1
// stores 0 + 1 over them. The report still names T1's load, its value and its line (the
// runtime keeps each thread's last recorded read of a location, src/rt/history.h), and
// the diagram shows the story with the middle left out ("..."): the stale read, T2's last
// increments up to the overwritten one, the overwrite.
// REQUIRES: runtime
// RUN: %icc -O1 -g %s -o %t
// RUN: %not %interleave run --save %t.trace %t 2>%t.err >/dev/null
// RUN: FileCheck %s < %t.err
// RUN: %diagcheck %s < %t.err
// RUN: %python %inputs/check_lost_update.py --min 1 %t.err
// The saved trace says the same, and its HTML page and Perfetto trace show the gap.
// RUN: %not %interleave report --text --html %t.html --trace %t.json %t.trace > %t.report
// RUN: %diagcheck %s < %t.report
// RUN: FileCheck --check-prefix=HTML %s < %t.html
// RUN: FileCheck --check-prefix=JSON %s < %t.json
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define N 40000

atomic_int counter;
static atomic_int step __attribute__((aligned(64)));

static void wait_for(int s)
{
    while (atomic_load_explicit(&step, memory_order_relaxed) != s)
        ;
}

static void increments(void);
static void store_one(int v);

static void *increment(void *arg)
{
    if ((intptr_t)arg == 2) {
        wait_for(1);
        increments();
        atomic_store_explicit(&step, 2, memory_order_relaxed);
        return NULL;
    }
    // CHECK: interleave: lost update on `counter`
    // CHECK-NEXT: T1 read counter == 0 at increment {{.*}}lost_update_far.c:[[@LINE+1]]
    int v = atomic_load_explicit(&counter, memory_order_relaxed);
    atomic_store_explicit(&step, 1, memory_order_relaxed);
    wait_for(2);
    store_one(v);
    return NULL;
}

static void increments(void)
{
    for (int i = 0; i < N; i++) {
        int v = atomic_load_explicit(&counter, memory_order_relaxed);
        // CHECK: T2 wrote counter = 40000 at increments {{.*}}lost_update_far.c:[[@LINE+1]]
        atomic_store_explicit(&counter, v + 1, memory_order_relaxed);
    }
}

static void store_one(int v)
{
    // CHECK: T1 wrote counter = 1 at store_one {{.*}}lost_update_far.c:[[@LINE+1]], overwriting T2's update
    atomic_store_explicit(&counter, v + 1, memory_order_relaxed);
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, increment, (void *)1);
    pthread_create(&t2, NULL, increment, (void *)2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %d\n", atomic_load(&counter));
    return 0;
}
// CHECK: interleave: 1 finding (1 lost update)

// DIAG:{{  }}accesses to `counter`:
// DIAG-NEXT:{{    }}T0 |      ...                                                                   r(1)
// DIAG-NEXT:{{    }}T1 | r(0) ...                                                               w(1)
// DIAG-NEXT:{{         }}^^^^                                                                   ^^^^
// DIAG-NEXT:{{    }}T2 |      ... w(39997) r(39997) w(39998) r(39998) w(39999) r(39999) w(40000)
// DIAG-NEXT:{{                                                                        }}^^^^^^^^
// DIAG-NEXT:{{       }}+-------------------------------------------------------------------------------> time

// HTML: <g class="gap"><title>more accesses to `counter` here, left out of this window</title>
// HTML: <tr class="gap"><td>&#8230;</td>
// JSON: "access": "stale atomic read of 4 bytes by T1 (increment)"
// JSON: "name": "more accesses to `counter`, left out"
// JSON: "access": "overwritten atomic write of 4 bytes by T2 (increment)"
// JSON: "access": "lost-update atomic write of 4 bytes by T1 (increment)"
