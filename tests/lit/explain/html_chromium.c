// The HTML report renders in headless Chromium, offline: a screenshot of the page is a
// non-blank PNG, and the DOM Chromium builds has the SVG timeline with its highlighted
// events (so the page parses as the browser sees it, without JavaScript).
// REQUIRES: runtime, chromium
// RUN: rm -rf %t && mkdir -p %t && cd %t && cp %s page.c
// RUN: %icc -O1 -g page.c -o page
// RUN: %not %interleave run --html page.html ./page 2> /dev/null
// RUN: %timeout %chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-javascript --user-data-dir=%t/profile --hide-scrollbars --window-size=1200,900 --screenshot=%t/page.png file://%t/page.html
// RUN: %python -c "import sys; d = open('page.png', 'rb').read(); sys.exit(0 if d[:8] == b'\x89PNG\r\n\x1a\n' and len(d) > 20000 else 'not a non-blank PNG: %%d bytes' %% len(d))"
// RUN: %timeout %chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-javascript --user-data-dir=%t/profile --dump-dom file://%t/page.html > dom.html
// RUN: %FileCheck %s < dom.html
#include <pthread.h>

static int x;

static void *worker(void *arg)
{
    (void)arg;
    x++;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, NULL);
    pthread_create(&t2, NULL, worker, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

// CHECK: <section id="finding-1">
// CHECK: <svg
// CHECK: class="ev mark"
// CHECK: </svg>
