/* Two threads each add up their own half of an array that main filled
 * before creating them, and store the result in their own slot of
 * `half_sum`; main adds the two after the joins. The halves never overlap
 * and the slots are distinct: no data race. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

enum { N = 60000, HALF = N / 2 };

static int numbers[N];
static long half_sum[2];

static void *add_half(void *arg)
{
    long *out = arg;
    int h = (int)(out - half_sum);
    long s = 0;
    for (int k = h * HALF; k < (h + 1) * HALF; k++)
        s += numbers[k];
    *out = s;
    return NULL;
}

int main(void)
{
    long want = 0;
    for (int k = 0; k < N; k++) {
        numbers[k] = k % 17 - 8;
        want += numbers[k];
    }
    pthread_t a, b;
    pthread_create(&a, NULL, add_half, &half_sum[0]);
    pthread_create(&b, NULL, add_half, &half_sum[1]);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("sum = %ld\n", half_sum[0] + half_sum[1]);
    assert(half_sum[0] + half_sum[1] == want);
    return 0;
}
