/* Publishing a heap object through a plain pointer: the loader fills a
 * `struct route` and stores its address in `current_route`; the user spins
 * until the pointer is non-NULL and reads the fields. Nothing orders the
 * loader's writes before the user's reads: data races on current_route and
 * on current_route->mtu and current_route->iface. (Under sequential
 * consistency the assert holds: the race itself is the bug.)
 * current_route is not static only so that the compiler reloads it in the
 * spin loop. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct route {
    int mtu;
    int metric;
    char iface[12];
};

struct route *current_route;

static void *loader(void *unused)
{
    (void)unused;
    struct route *r = malloc(sizeof *r);
    r->mtu = 1500;
    r->metric = 10;
    strcpy(r->iface, "eth0");
    current_route = r; /* plain store: publishes nothing */
    return NULL;
}

static void *user(void *unused)
{
    (void)unused;
    struct route *r;
    while ((r = current_route) == NULL)
        sched_yield();
    assert(r->mtu == 1500);
    printf("route via %s, mtu %d\n", r->iface, r->mtu);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&b, NULL, user, NULL);
    pthread_create(&a, NULL, loader, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(current_route);
    return 0;
}
