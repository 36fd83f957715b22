/* ABA on a compare-and-swap stack whose nodes come back. The stack holds
 * P -> Q -> R. The first thread starts a pop: it reads head == P and
 * P->next == Q, and is stopped before its CAS. The second thread pops P,
 * pops Q (and keeps it), and pushes P again, so head == P and P->next == R.
 * The first thread's CAS(head, P, Q) still succeeds and puts Q, which the
 * second thread owns, back on the stack. Every access is atomic (no data
 * race); the ownership count at the end finds Q twice. */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

struct node {
    int name;
    _Atomic(struct node *) next;
};

static struct node pool[3]; /* P, Q, R */
static _Atomic(struct node *) head;
static struct node *first_got, *second_kept;

static void push(struct node *n)
{
    struct node *top = atomic_load(&head);
    do
        atomic_store(&n->next, top);
    while (!atomic_compare_exchange_weak(&head, &top, n));
}

static struct node *pop(void)
{
    struct node *top = atomic_load(&head);
    while (top != NULL && !atomic_compare_exchange_weak(&head, &top, atomic_load(&top->next)))
        ;
    return top;
}

static void *popper(void *unused)
{
    (void)unused;
    first_got = pop();
    return NULL;
}

static void *recycler(void *unused)
{
    (void)unused;
    struct node *p = pop();
    second_kept = pop();
    if (p != NULL)
        push(p); /* the same address is back on top */
    return NULL;
}

int main(void)
{
    for (int k = 2; k >= 0; k--) {
        pool[k].name = k;
        push(&pool[k]);
    }
    pthread_t a, b;
    pthread_create(&a, NULL, popper, NULL);
    pthread_create(&b, NULL, recycler, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    int places[3] = {0, 0, 0};
    if (first_got != NULL)
        places[first_got->name]++;
    if (second_kept != NULL)
        places[second_kept->name]++;
    struct node *n = atomic_load(&head);
    for (int hops = 0; n != NULL && hops < 8; hops++, n = atomic_load(&n->next))
        places[n->name]++;
    printf("P in %d place(s), Q in %d, R in %d\n", places[0], places[1], places[2]);
    fflush(stdout);
    assert(places[0] == 1 && places[1] == 1 && places[2] == 1);
    return 0;
}
