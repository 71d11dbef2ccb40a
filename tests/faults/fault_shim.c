/* An LD_PRELOAD library that makes reads, writes and opens fail on demand, so that the
 * tests can show what the command line does when a disk fails, fills up or a pipe closes
 * (tests/faults/run_fault_tests.py; docs/development.md#fault-injection).
 *
 * Controlled by environment variables, read once at load time; without them it changes
 * nothing:
 *
 *   CS_FAULT_READ_PATH=TEXT      reads fail on files opened with TEXT in their path ...
 *   CS_FAULT_READ_FD=N           ... or on file descriptor N (0: standard input)
 *   CS_FAULT_READ_FAIL_AFTER=B   after B bytes have been read from them (0: the first read);
 *                                the read that crosses B returns the bytes up to B, the next fails
 *   CS_FAULT_READ_ERRNO=NAME     the error: EIO (default), or ENOSPC, EPIPE, EACCES, EISDIR, EBADF, ...
 *   CS_FAULT_WRITE_FD=N          writes fail on file descriptor N (default 1: standard output)
 *   CS_FAULT_WRITE_FAIL_AFTER=B  after B bytes have been written to it, as for reads
 *   CS_FAULT_WRITE_ERRNO=NAME    the error: ENOSPC (default), EPIPE, EIO, ... (EPIPE raises no
 *                                SIGPIPE: it is a closed pipe with SIGPIPE ignored)
 *   CS_FAULT_OPEN_PATH=TEXT      opening a file with TEXT in its path fails with EACCES
 *
 * It wraps what the C and C++ runtimes call: read, write and writev (iostreams use
 * writev to write their buffer and new data at once), and open, openat and fopen (file
 * streams open through fopen) to learn which descriptor holds which file, and close and
 * fclose to forget it. Not for sanitizer builds: ASan must come first among preloads.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

/* One fault: which descriptors, after how many bytes, with which error. */
struct fault {
  int enabled;
  int fd; /* -1: those opened with `path` in their name */
  const char* path;
  unsigned long long after;
  unsigned long long done; /* bytes that went through so far */
  int error;
};

static struct fault read_fault = {0, -1, NULL, 0, 0, EIO};
static struct fault write_fault = {0, 1, NULL, 0, 0, ENOSPC};
static const char* open_path = NULL;

/* Descriptors opened with the read fault's path in their name. */
enum { tracked_fds = 1024 };
static unsigned char matching[tracked_fds];

static ssize_t (*real_read)(int, void*, size_t);
static ssize_t (*real_write)(int, const void*, size_t);
static ssize_t (*real_writev)(int, const struct iovec*, int);
static int (*real_open)(const char*, int, ...);
static int (*real_open64)(const char*, int, ...);
static int (*real_openat)(int, const char*, int, ...);
static int (*real_openat64)(int, const char*, int, ...);
static FILE* (*real_fopen)(const char*, const char*);
static FILE* (*real_fopen64)(const char*, const char*);
static int (*real_close)(int);
static int (*real_fclose)(FILE*);

static int error_named(const char* name, int fallback) {
  static const struct {
    const char* name;
    int value;
  } names[] = {{"EIO", EIO},     {"ENOSPC", ENOSPC}, {"EPIPE", EPIPE}, {"EACCES", EACCES}, {"EISDIR", EISDIR},
               {"EBADF", EBADF}, {"EDQUOT", EDQUOT}, {"EFBIG", EFBIG}, {"EINVAL", EINVAL}, {"ECONNRESET", ECONNRESET}};
  if (name == NULL || *name == '\0') return fallback;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i)
    if (strcmp(name, names[i].name) == 0) return names[i].value;
  const int number = atoi(name);
  if (number > 0) return number;
  fprintf(stderr, "fault_shim: unknown errno name '%s'\n", name);
  abort();
}

static void configure(struct fault* fault, const char* prefix) {
  char name[64];
  snprintf(name, sizeof name, "%s_FAIL_AFTER", prefix);
  const char* after = getenv(name);
  if (after == NULL || *after == '\0') return;
  fault->enabled = 1;
  fault->after = strtoull(after, NULL, 10);
  snprintf(name, sizeof name, "%s_ERRNO", prefix);
  fault->error = error_named(getenv(name), fault->error);
  snprintf(name, sizeof name, "%s_FD", prefix);
  const char* fd = getenv(name);
  if (fd != NULL && *fd != '\0') fault->fd = atoi(fd);
  snprintf(name, sizeof name, "%s_PATH", prefix);
  const char* path = getenv(name);
  if (path != NULL && *path != '\0') {
    fault->path = path;
    fault->fd = -1;
  }
}

static void* next_symbol(const char* name) {
  void* symbol = dlsym(RTLD_NEXT, name);
  if (symbol == NULL) {
    fprintf(stderr, "fault_shim: %s not found\n", name);
    abort();
  }
  return symbol;
}

__attribute__((constructor)) static void fault_shim_init(void) {
  real_read = (ssize_t(*)(int, void*, size_t))next_symbol("read");
  real_write = (ssize_t(*)(int, const void*, size_t))next_symbol("write");
  real_writev = (ssize_t(*)(int, const struct iovec*, int))next_symbol("writev");
  real_open = (int (*)(const char*, int, ...))next_symbol("open");
  real_open64 = (int (*)(const char*, int, ...))next_symbol("open64");
  real_openat = (int (*)(int, const char*, int, ...))next_symbol("openat");
  real_openat64 = (int (*)(int, const char*, int, ...))next_symbol("openat64");
  real_fopen = (FILE * (*)(const char*, const char*)) next_symbol("fopen");
  real_fopen64 = (FILE * (*)(const char*, const char*)) next_symbol("fopen64");
  real_close = (int (*)(int))next_symbol("close");
  real_fclose = (int (*)(FILE*))next_symbol("fclose");
  configure(&read_fault, "CS_FAULT_READ");
  configure(&write_fault, "CS_FAULT_WRITE");
  const char* path = getenv("CS_FAULT_OPEN_PATH");
  if (path != NULL && *path != '\0') open_path = path;
  if (read_fault.enabled && read_fault.fd < 0 && read_fault.path == NULL) {
    fprintf(stderr, "fault_shim: CS_FAULT_READ_FAIL_AFTER needs CS_FAULT_READ_PATH or CS_FAULT_READ_FD\n");
    abort();
  }
}

static int applies(const struct fault* fault, int fd) {
  if (!fault->enabled || fd < 0) return 0;
  if (fault->fd >= 0) return fd == fault->fd;
  return fd < tracked_fds && matching[fd];
}

/* How many of `count` bytes may still go through; -1 (with errno set) once none may: the
 * call that reaches the limit is short, the next fails, never a 0 that reads as the end. */
static ssize_t allowance(struct fault* fault, size_t count) {
  if (fault->done >= fault->after && count > 0) {
    errno = fault->error;
    return -1;
  }
  const unsigned long long left = fault->after - fault->done;
  return (ssize_t)(count < left ? count : left);
}

/* Whether opening `path` fails (CS_FAULT_OPEN_PATH), with errno set. */
static int refused(const char* path) {
  if (open_path != NULL && path != NULL && strstr(path, open_path) != NULL) {
    errno = EACCES;
    return 1;
  }
  return 0;
}

/* Records whether the newly opened `fd` is one whose reads fail. */
static void opened(int fd, const char* path) {
  if (fd < 0 || fd >= tracked_fds) return;
  matching[fd] = read_fault.path != NULL && path != NULL && strstr(path, read_fault.path) != NULL;
}

ssize_t read(int fd, void* buffer, size_t count) {
  if (!applies(&read_fault, fd)) return real_read(fd, buffer, count);
  const ssize_t allowed = allowance(&read_fault, count);
  if (allowed < 0) return -1;
  const ssize_t got = real_read(fd, buffer, (size_t)allowed);
  if (got > 0) read_fault.done += (unsigned long long)got;
  return got;
}

ssize_t write(int fd, const void* buffer, size_t count) {
  if (!applies(&write_fault, fd)) return real_write(fd, buffer, count);
  const ssize_t allowed = allowance(&write_fault, count);
  if (allowed < 0) return -1;
  const ssize_t put = real_write(fd, buffer, (size_t)allowed);
  if (put > 0) write_fault.done += (unsigned long long)put;
  return put;
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  if (!applies(&write_fault, fd)) return real_writev(fd, iov, count);
  /* A short write, as a filling disk gives: the pieces up to the limit, one at a time. */
  ssize_t total = 0;
  for (int i = 0; i < count; ++i) {
    if (iov[i].iov_len == 0) continue;
    const ssize_t put = write(fd, iov[i].iov_base, iov[i].iov_len);
    if (put < 0) return total > 0 ? total : -1;
    total += put;
    if ((size_t)put < iov[i].iov_len) break;
  }
  return total;
}

static int open_with(int (*real)(const char*, int, ...), const char* path, int flags, va_list args) {
  if (refused(path)) return -1;
  const mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(args, int) : 0;
  const int fd = real(path, flags, mode);
  opened(fd, path);
  return fd;
}

int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const int fd = open_with(real_open, path, flags, args);
  va_end(args);
  return fd;
}

int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const int fd = open_with(real_open64, path, flags, args);
  va_end(args);
  return fd;
}

static int openat_with(int (*real)(int, const char*, int, ...), int dir, const char* path, int flags, va_list args) {
  if (refused(path)) return -1;
  const mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(args, int) : 0;
  const int fd = real(dir, path, flags, mode);
  opened(fd, path);
  return fd;
}

int openat(int dir, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const int fd = openat_with(real_openat, dir, path, flags, args);
  va_end(args);
  return fd;
}

int openat64(int dir, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const int fd = openat_with(real_openat64, dir, path, flags, args);
  va_end(args);
  return fd;
}

static FILE* fopen_with(FILE* (*real)(const char*, const char*), const char* path, const char* mode) {
  if (refused(path)) return NULL;
  FILE* file = real(path, mode);
  if (file != NULL) opened(fileno(file), path);
  return file;
}

FILE* fopen(const char* path, const char* mode) {
  return fopen_with(real_fopen, path, mode);
}
FILE* fopen64(const char* path, const char* mode) {
  return fopen_with(real_fopen64, path, mode);
}

int close(int fd) {
  if (fd >= 0 && fd < tracked_fds) matching[fd] = 0;
  return real_close(fd);
}

int fclose(FILE* file) {
  const int fd = file != NULL ? fileno(file) : -1;
  if (fd >= 0 && fd < tracked_fds) matching[fd] = 0;
  return real_fclose(file);
}
