/* The C half of mixed.cpp: built by `interleave cc`, linked by `interleave c++`. */
#include <pthread.h>

int shared_total;
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;

void add_from_c(int n, int locked)
{
    if (locked)
        pthread_mutex_lock(&total_lock);
    shared_total += n; /* the C side of the race */
    if (locked)
        pthread_mutex_unlock(&total_lock);
}

void lock_total(void)
{
    pthread_mutex_lock(&total_lock);
}

void unlock_total(void)
{
    pthread_mutex_unlock(&total_lock);
}
