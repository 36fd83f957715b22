/* spawn: fork + exec of the target, signal forwarding, reading the findings file.
 *
 * Waiting: SIGINT, SIGTERM and SIGCHLD are blocked before fork and taken synchronously
 * with sigwaitinfo, so no handler and no global state are needed, and a SIGCHLD cannot be
 * lost between waitpid and the wait. The child restores the caller's mask before exec.
 * Exec errors come back through a CLOEXEC pipe: EOF means exec succeeded. */
#define _GNU_SOURCE
#include "driver/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_findings_fd(void)
{
    int fd = memfd_create("interleave-findings", 0);
    return fd < 0 ? -errno : fd;
}

/* In the child: never returns. Writes errno to the pipe when exec fails. */
static void child(char *const argv[], const char *options, const sigset_t *mask,
                  const struct sigaction *chld, int errfd)
{
    sigaction(SIGCHLD, chld, NULL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    int err = 0;
    if (setenv("INTERLEAVE_OPTIONS", options, 1) != 0)
        err = errno;
    if (!err) {
        execvp(argv[0], argv);
        err = errno;
    }
    ssize_t n = write(errfd, &err, sizeof err);
    (void)n;
    _exit(127);
}

int spawn_run(char *const argv[], const char *options, struct spawn_status *st)
{
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0)
        return -errno;

    sigset_t waitset, oldmask;
    sigemptyset(&waitset);
    sigaddset(&waitset, SIGINT);
    sigaddset(&waitset, SIGTERM);
    sigaddset(&waitset, SIGCHLD);
    sigprocmask(SIG_BLOCK, &waitset, &oldmask);
    /* An ignored SIGCHLD would make the kernel reap the child behind waitpid's back. */
    struct sigaction dfl = {.sa_handler = SIG_DFL}, oldchld;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGCHLD, &dfl, &oldchld);

    int rc = 0;
    pid_t pid = fork();
    if (pid == 0)
        child(argv, options, &oldmask, &oldchld, pipefd[1]);
    close(pipefd[1]);
    if (pid < 0) {
        rc = -errno;
        goto out;
    }

    int err = 0;
    ssize_t n;
    do
        n = read(pipefd[0], &err, sizeof err);
    while (n < 0 && errno == EINTR);
    bool exec_failed = n == (ssize_t)sizeof err;

    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            rc = -errno;
            goto out;
        }
        siginfo_t info;
        int sig = sigwaitinfo(&waitset, &info);
        /* Signals from the terminal reached the child's process group already. */
        if ((sig == SIGINT || sig == SIGTERM) && info.si_code != SI_KERNEL)
            kill(pid, sig);
    }
    if (exec_failed) {
        rc = -err;
    } else if (WIFSIGNALED(status)) {
        *st = (struct spawn_status){.signaled = true, .code = WTERMSIG(status)};
    } else {
        *st = (struct spawn_status){.signaled = false, .code = WEXITSTATUS(status)};
    }
out:
    close(pipefd[0]);
    sigaction(SIGCHLD, &oldchld, NULL);
    sigprocmask(SIG_SETMASK, &oldmask, NULL);
    return rc;
}

int spawn_read_all(int fd, size_t max, char **buf, size_t *len)
{
    if (lseek(fd, 0, SEEK_SET) < 0)
        return -errno;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap + 1);
    if (!b)
        return -ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap >= max) {
                free(b);
                return -EFBIG;
            }
            char *q = realloc(b, 2 * cap + 1);
            if (!q) {
                free(b);
                return -ENOMEM;
            }
            b = q;
            cap *= 2;
        }
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(b);
            return -e;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}
