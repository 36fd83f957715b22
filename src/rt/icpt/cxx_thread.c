/* std::thread::_M_start_thread(std::unique_ptr<_State>, void (*)()): the
 * libstdc++ function that the std::thread constructor (a template, compiled
 * and instrumented in the user's code) calls to start the thread; it calls
 * pthread_create. Interposed only so that the new thread's creation site is
 * the user's `std::thread t(...)`, not a line of libstdc++: its caller's PC is
 * left in rt_create_site for our pthread_create, then the real one runs.
 *
 * ABI: the unique_ptr argument has a non-trivial destructor, so the Itanium
 * C++ ABI passes it by invisible reference (a pointer); `this` comes first. If
 * the real function throws (std::system_error when no thread can be created),
 * the exception unwinds through this frame; pthread_create has consumed the
 * site by then. */
#define _GNU_SOURCE
#include "rt/icpt/real.h"
#include "rt/rt.h"

#define START_THREAD                                                                               \
    _ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE

EXPORT void START_THREAD(void *self, void *state, void (*depend)(void));

/* Weak: with -static-libstdc++ the archive's own definition (thread.o, which
 * the program needs for std::thread::join anyway) wins and there is nothing to
 * interpose; the site is then libstdc++'s. */
EXPORT __attribute__((weak)) void START_THREAD(void *self, void *state, void (*depend)(void))
{
    rt_create_site = OS_CALLER_PC();
    REAL(START_THREAD)(self, state, depend);
    rt_create_site = 0;
}
