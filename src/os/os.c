#define _GNU_SOURCE
#include "os/os.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

long os_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    long ret;
#if defined(__x86_64__)
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
#elif defined(__aarch64__)
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a1;
    register long x1 __asm__("x1") = a2;
    register long x2 __asm__("x2") = a3;
    register long x3 __asm__("x3") = a4;
    register long x4 __asm__("x4") = a5;
    register long x5 __asm__("x5") = a6;
    __asm__ volatile("svc 0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    ret = x0;
#else
#error "os_syscall6: no raw system call for this architecture"
#endif
    if ((unsigned long)ret > -4096ul) {
        errno = (int)-ret;
        return -1;
    }
    return ret;
}

void os_futex_wait(u32 *word, u32 expected, u64 timeout_ns)
{
    struct timespec ts = {.tv_sec = (time_t)(timeout_ns / 1000000000u),
                          .tv_nsec = (long)(timeout_ns % 1000000000u)};
    int saved = errno;
    os_syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, &ts, NULL, 0);
    errno = saved;
}

void os_futex_wake(u32 *word, int count)
{
    int saved = errno;
    os_syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
    errno = saved;
}

u64 os_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec;
}

u64 os_realtime_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec;
}

void os_sleep_ns(u64 ns)
{
    struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                          .tv_nsec = (long)(ns % 1000000000u)};
    int saved = errno;
    while (os_syscall(SYS_nanosleep, &ts, &ts) != 0 && errno == EINTR) {
    }
    errno = saved;
}

long os_read(int fd, void *buf, size_t len)
{
    return os_syscall(SYS_read, fd, (long)buf, (long)len);
}

long os_write(int fd, const void *buf, size_t len)
{
    return os_syscall(SYS_write, fd, (long)buf, (long)len);
}

int os_close(int fd)
{
    return (int)os_syscall(SYS_close, fd);
}

int os_dup2(int from, int to)
{
    if (from == to) /* dup3 refuses what dup2 allows */
        return os_syscall(SYS_fcntl, from, F_GETFD) < 0 ? -1 : to;
    return (int)os_syscall(SYS_dup3, from, to, 0);
}

int os_poll(struct pollfd *fds, unsigned long n, int timeout_ms)
{
    struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000};
    return (int)os_syscall(SYS_ppoll, (long)fds, (long)n, timeout_ms < 0 ? 0 : (long)&ts, 0, 8);
}

void os_exit(int status)
{
    for (;;)
        os_syscall(SYS_exit_group, status);
}

/* The kernel's struct sigaction (x86-64 and the generic layout of aarch64). */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    u64 mask;
};

void os_abort(void)
{
    struct kernel_sigaction dfl = {0}; /* SIG_DFL needs no restorer */
    os_syscall(SYS_rt_sigaction, SIGABRT, &dfl, NULL, sizeof dfl.mask);
    u64 set = 1ull << (SIGABRT - 1);
    os_syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, sizeof set);
    os_syscall(SYS_tgkill, os_syscall(SYS_getpid, 0), os_syscall(SYS_gettid, 0), SIGABRT);
    os_exit(134);
}

/* glibc's public alias of sigaction, which our interposer does not shadow. */
extern int __sigaction(int sig, const struct sigaction *act, struct sigaction *old);

int os_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    return __sigaction(sig, act, old);
}

static void set_handler(int sig, void (*handler)(int))
{
    struct sigaction sa = {.sa_handler = handler};
    sigemptyset(&sa.sa_mask);
    __sigaction(sig, &sa, NULL);
}

void os_signal_default(int sig)
{
    set_handler(sig, SIG_DFL);
}

void os_signal_ignore(int sig)
{
    set_handler(sig, SIG_IGN);
}

int os_gettid(void)
{
    return (int)os_syscall(SYS_gettid, 0);
}

bool os_thread_alive(int tid)
{
    int saved = errno;
    long r = os_syscall(SYS_tgkill, (int)os_syscall(SYS_getpid, 0), tid, 0);
    bool alive = r == 0 || errno != ESRCH;
    errno = saved;
    return alive;
}

void os_yield(void)
{
    int saved = errno;
    os_syscall(SYS_sched_yield, 0);
    errno = saved;
}

static bool have_membarrier;

void os_process_barrier_init(void)
{
    int saved = errno;
    have_membarrier =
        os_syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    errno = saved;
}

void os_process_barrier(void)
{
    int saved = errno;
    if (have_membarrier &&
        os_syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0) {
        errno = saved;
        return;
    }
    errno = saved;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    os_sleep_ns(2000000); /* no membarrier: let the other cores drain their store buffers */
}

void *os_real(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

void *os_real_versioned(const char *name, const char *version)
{
    void *p = dlvsym(RTLD_NEXT, name, version);
    return p ? p : dlsym(RTLD_NEXT, name);
}

void os_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

int os_mutex_type(const void *mutex)
{
    /* glibc (x86-64 and the generic layout of aarch64): __data.__kind is the
     * fifth int; its low bits are the type. */
    int kind = ((const int *)mutex)[4];
    int type = kind & 3;
    return type == PTHREAD_MUTEX_ADAPTIVE_NP ? PTHREAD_MUTEX_NORMAL : type;
}

int os_cond_clock(const void *cond)
{
    /* glibc >= 2.25: bit 0 of __data.__wrefs (the second-to-last u32 of the
     * 48-byte object, offset 36) holds the clock: 0 realtime, 1 monotonic. */
    u32 wrefs = ((const u32 *)cond)[9];
    return (wrefs & 1) ? CLOCK_MONOTONIC : CLOCK_REALTIME;
}

u64 os_deadline_ns(int clock, long sec, long nsec)
{
    struct timespec now;
    clock_gettime(clock, &now);
    long long rel = ((long long)sec - now.tv_sec) * 1000000000ll + (nsec - now.tv_nsec);
    u64 mono = os_now_ns();
    if (rel < 0)
        rel = 0;
    return mono + (u64)rel + 1;
}

uptr os_context_pc(const void *ucontext)
{
    const ucontext_t *uc = ucontext;
    if (!uc)
        return 0;
#if defined(__x86_64__)
    return (uptr)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uptr)uc->uc_mcontext.pc;
#else
    return 0;
#endif
}
