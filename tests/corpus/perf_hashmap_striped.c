/* Benchmark: a chained hash table of 4096 buckets guarded by 16 striped
 * mutexes (bucket b by stripe b % 16). Four threads do `ops` operations in
 * total, a mix of lookups, inserts and removals. Thread t only uses keys
 * with key % 4 == t, so the final table does not depend on the schedule,
 * but the keys of all threads share buckets and stripes, so the locks are
 * contended. Race-free. Usage: perf_hashmap_striped [ops=1000000] */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 4, NBUCKETS = 4096, NSTRIPES = 16, KEYS_PER_THREAD = 16384 };

struct entry {
    unsigned key;
    long value;
    struct entry *next;
};

static struct entry *table[NBUCKETS]; /* table[b] guarded by stripe[b % NSTRIPES] */
static pthread_mutex_t stripe[NSTRIPES];
static long ops_each;

static unsigned bucket(unsigned key)
{
    return (key * 2246822519u) >> 20 & (NBUCKETS - 1);
}

enum op { LOOKUP, INSERT, REMOVE };

/* Returns 1 when the key was in the table. */
static int apply(enum op op, unsigned key, long value)
{
    unsigned b = bucket(key);
    pthread_mutex_lock(&stripe[b % NSTRIPES]);
    struct entry **link = &table[b];
    while (*link != NULL && (*link)->key != key)
        link = &(*link)->next;
    struct entry *e = *link;
    int found = e != NULL;
    if (found && op == INSERT) {
        e->value = value;
    } else if (found && op == REMOVE) {
        *link = e->next;
        free(e);
    } else if (!found && op == INSERT) {
        e = malloc(sizeof *e);
        *e = (struct entry){key, value, table[b]};
        table[b] = e;
    }
    pthread_mutex_unlock(&stripe[b % NSTRIPES]);
    return found;
}

static void *mix(void *arg)
{
    unsigned t = *(const unsigned *)arg;
    unsigned r = 0x9e3779b9u ^ (t * 0x85ebca6bu);
    long found = 0;
    for (long k = 0; k < ops_each; k++) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        unsigned key = (r % KEYS_PER_THREAD) * NTHREADS + t;
        unsigned pick = (r >> 24) & 7; /* 4/8 lookups, 3/8 inserts, 1/8 removals */
        found += apply(pick < 4 ? LOOKUP : pick < 7 ? INSERT : REMOVE, key, k);
    }
    return (void *)found;
}

int main(int argc, char **argv)
{
    long ops = argc > 1 ? atol(argv[1]) : 1000000;
    ops_each = ops / NTHREADS;
    for (int s = 0; s < NSTRIPES; s++)
        pthread_mutex_init(&stripe[s], NULL);
    pthread_t tid[NTHREADS];
    unsigned ids[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++) {
        ids[t] = t;
        pthread_create(&tid[t], NULL, mix, &ids[t]);
    }
    long found = 0;
    for (int t = 0; t < NTHREADS; t++) {
        void *f;
        pthread_join(tid[t], &f);
        found += (long)f;
    }
    long left = 0;
    unsigned long long check = 0;
    for (int b = 0; b < NBUCKETS; b++) {
        struct entry *e = table[b];
        while (e != NULL) {
            struct entry *next = e->next;
            left++;
            check += (unsigned long long)e->key * 2654435761u ^ (unsigned long long)e->value;
            free(e);
            e = next;
        }
    }
    assert(left <= (long)KEYS_PER_THREAD * NTHREADS);
    printf("%ld ops, %ld hits, %ld keys left, checksum %llu\n", ops_each * NTHREADS, found, left,
           check);
    return 0;
}
