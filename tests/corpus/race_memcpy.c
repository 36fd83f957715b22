/* A sender memcpy's a frame into the shared `frame_buf` while a receiver
 * memcpy's it out, with no synchronisation. Both racing accesses happen
 * inside the C library: data race on frame_buf, over a 256-byte range. A
 * tool sees it only if it intercepts memcpy (or instruments it). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { FRAME = 256 };

static char frame_buf[FRAME]; /* shared, unprotected */
static char copy_out[FRAME];  /* the receiver's, read by main after join */

static void *sender(void *unused)
{
    (void)unused;
    char frame[FRAME];
    for (int k = 0; k < FRAME; k++)
        frame[k] = (char)('a' + k % 26);
    memcpy(frame_buf, frame, FRAME);
    return NULL;
}

static void *receiver(void *unused)
{
    (void)unused;
    memcpy(copy_out, frame_buf, FRAME);
    return NULL;
}

int main(void)
{
    memset(frame_buf, '.', FRAME);
    pthread_t s, r;
    pthread_create(&s, NULL, sender, NULL);
    pthread_create(&r, NULL, receiver, NULL);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    printf("receiver got '%c%c%c...'\n", copy_out[0], copy_out[1], copy_out[2]);
    return 0;
}
