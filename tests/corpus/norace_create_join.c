/* Ordering by pthread_create and pthread_join alone, over two generations.
 * main fills in an order before creating the child; the child prices it and
 * starts a grandchild that adds the tax, then joins it; main reads the order
 * after joining the child. Creation orders the parent's past before the new
 * thread, joining orders the thread before the joiner's future, and the two
 * compose through the child: no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

struct order {
    int quantity;
    int price;
    int with_tax;
};

static void *add_tax(void *arg)
{
    struct order *o = arg;
    o->with_tax = o->price + o->price / 5;
    return NULL;
}

static void *price(void *arg)
{
    struct order *o = arg;
    o->price = o->quantity * 25;
    pthread_t grandchild;
    pthread_create(&grandchild, NULL, add_tax, o);
    pthread_join(grandchild, NULL);
    return NULL;
}

int main(void)
{
    struct order o = {.quantity = 4};
    pthread_t child;
    pthread_create(&child, NULL, price, &o);
    pthread_join(child, NULL);
    printf("%d items: %d, %d with tax\n", o.quantity, o.price, o.with_tax);
    assert(o.price == 100 && o.with_tax == 120);
    return 0;
}
