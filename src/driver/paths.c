/* Where interleave's own files are; see paths.h. */
#include "driver/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy_out(char *buf, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n + 1 > size)
        return -ENAMETOOLONG;
    memcpy(buf, s, n + 1);
    return 0;
}

int paths_self_exe(char *buf, size_t size)
{
    char tmp[4096];
    ssize_t n = readlink("/proc/self/exe", tmp, sizeof(tmp) - 1);
    if (n < 0)
        return -errno;
    if ((size_t)n >= sizeof(tmp) - 1)
        return -ENAMETOOLONG;
    tmp[n] = '\0';
    return copy_out(buf, size, tmp);
}

/* Cuts the last component of path, in place ("/a/b" -> "/a", "/a" -> "/"). */
static void strip_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (!slash)
        strcpy(path, ".");
    else if (slash == path)
        path[1] = '\0';
    else
        *slash = '\0';
}

int paths_rtlib_dir(char *buf, size_t size)
{
    const char *env = getenv("INTERLEAVE_RTLIB_DIR");
    if (env && *env)
        return copy_out(buf, size, env);
    char exe[4096];
    int rc = paths_self_exe(exe, sizeof(exe));
    if (rc < 0)
        return rc;
    strip_last(exe); /* <prefix>/bin */
    strip_last(exe); /* <prefix> */
    char dir[4096 + 8];
    snprintf(dir, sizeof(dir), "%s/lib", strcmp(exe, "/") == 0 ? "" : exe);
    return copy_out(buf, size, dir);
}

bool paths_file_exists(const char *dir, const char *name)
{
    char path[8192];
    int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
    struct stat st;
    return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int paths_find_program(const char *name, char *buf, size_t size)
{
    if (!name || !*name)
        return -ENOENT;
    if (strchr(name, '/'))
        return is_executable(name) ? copy_out(buf, size, name) : -ENOENT;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        char cand[4096];
        int len = n == 0 ? snprintf(cand, sizeof(cand), "./%s", name)
                         : snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, path, name);
        if (len > 0 && (size_t)len < sizeof(cand) && is_executable(cand))
            return copy_out(buf, size, cand);
        if (!colon)
            break;
        path = colon + 1;
    }
    return -ENOENT;
}
