/* The only place for Linux- and architecture-specific calls: futexes, the
 * monotonic clock, thread ids, process-wide memory barriers, raw writes and
 * the lookup of the real libc functions behind our interposers. */
#ifndef ILV_OS_OS_H
#define ILV_OS_OS_H

#include "base/types.h"

/* A raw system call: the result, or -1 with errno set, like syscall(2), but
 * never through libc's syscall(), which the runtime interposes
 * (rt/icpt/futex.c). Give at least one argument: os_syscall(SYS_gettid, 0). */
long os_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define OS_SYSCALL_ARGS6(a1, a2, a3, a4, a5, a6, ...)                                              \
    (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6)
#define os_syscall(nr, ...) os_syscall6((nr), OS_SYSCALL_ARGS6(__VA_ARGS__, 0, 0, 0, 0, 0, 0))

/* Waits while *word == expected, at most timeout_ns (0: no wait). Returns
 * after a wake-up, a time-out, a signal or a spurious wake: callers loop. */
void os_futex_wait(u32 *word, u32 expected, u64 timeout_ns);
void os_futex_wake(u32 *word, int count);
u64 os_now_ns(void); /* CLOCK_MONOTONIC */
u64 os_realtime_ns(void);
void os_sleep_ns(u64 ns); /* the real nanosleep, retried on EINTR */
int os_gettid(void);
/* Is thread `tid` of this process still running (it has not made its exit system call)? */
bool os_thread_alive(int tid);
/* The real sched_yield: lets another thread of this processor run. */
void os_yield(void);
/* A full memory barrier on every thread of the process (membarrier(2)), so
 * that the fast path of the hooks can use plain stores (asymmetric Dekker).
 * Falls back to a local fence plus a short sleep when the kernel lacks it. */
void os_process_barrier(void);
void os_process_barrier_init(void);
/* Resolves `name` in the objects after ours (dlsym(RTLD_NEXT)); NULL if absent. */
void *os_real(const char *name);
/* Resolves a versioned symbol, e.g. pthread_cond_wait@GLIBC_2.3.2. */
void *os_real_versioned(const char *name, const char *version);
void os_cpu_relax(void);
/* glibc's mutex type stored inside a pthread_mutex_t (PTHREAD_MUTEX_NORMAL,
 * _RECURSIVE, _ERRORCHECK; adaptive counts as normal). */
int os_mutex_type(const void *mutex);
/* The clock a pthread_cond_t measures its timeouts with. */
int os_cond_clock(const void *cond);
/* Converts an absolute time on `clock` to an absolute CLOCK_MONOTONIC
 * deadline in ns (at least 1, so that 0 can mean "no deadline"). */
u64 os_deadline_ns(int clock, long sec, long nsec);
/* The interrupted PC of a signal handler's ucontext (0 if unknown). */
uptr os_context_pc(const void *ucontext);
/* The runtime's own file descriptor I/O, as raw system calls: read, write,
 * close and dup2 are interposed (the fd model, icpt/fd.c), and the runtime
 * must not go through its own interposers. -1 with errno on failure, as the
 * libc functions. */
long os_read(int fd, void *buf, size_t len);
long os_write(int fd, const void *buf, size_t len);
int os_close(int fd);
int os_dup2(int from, int to);
struct pollfd;
int os_poll(struct pollfd *fds, unsigned long n, int timeout_ms);
/* The process ends now, with status (exit_group(2); no atexit, no flush),
 * past the runtime's _exit interposer. */
__attribute__((noreturn)) void os_exit(int status);
/* The process dies of SIGABRT (default action restored and unblocked first),
 * as raw system calls; exit status 134 should the signal not kill it. */
__attribute__((noreturn)) void os_abort(void);
/* libc's sigaction, past the runtime's interposer (rt/icpt/signal.c), and the
 * same for a handler of SIG_DFL or SIG_IGN. */
struct sigaction;
int os_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
void os_signal_default(int sig);
void os_signal_ignore(int sig);

/* The return address of the function that called the current hook. */
#define OS_CALLER_PC() ((uptr)__builtin_return_address(0))

#endif
