/*
 * The hash workers' per-file loop in C (Linux), loaded by scan-worker.ts when it is there.
 *
 * Why: a Node call costs more than the system call it makes. On the kernel tree the workers spent ~0.6 s
 * of CPU in Node's sync fs and crypto bindings (argument checks, Stats objects, a handle scope per call),
 * around the same open/read/fstat/close and SHA-256 this file does (BENCHMARKS.md › Eighth session).
 * Why also: files are opened relative to a descriptor of the scan root with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS), so a directory on the way swapped for a symlink is refused (ELOOP) instead of
 * followed; Node has no openat, and the JavaScript loop opens `root/relative path`.
 *
 * It does exactly what the JavaScript loop in scan-worker.ts does, file by file, with the same answers
 * (a test compares both on one tree): see quickHash and hashOne there for the reasons of each step.
 * The digest is OpenSSL's, from the Node process itself (Node exports its OpenSSL), by the hash name the
 * JavaScript side uses. Nothing here allocates per file; all memory comes from the caller.
 *
 * hashBatch(rootFd, paths, count, readBuf, hashName, stableBeforeMs, progress, slot,
 *           t, s, m, f, errs, hex, prefixLen, cancel) -> bytes of hex digests written, or -1 when cancel[0]
 *           was set (the batch is abandoned part-way)
 *   paths: Uint8Array of `count` relative paths, NUL-separated. Per path i it fills t[i] (a TYPE_CODES
 *   index), s[i] (Float64Array), m[i] (Uint16Array), f[i] (1 = digest, 2 = unstable), errs[i] (Int32Array:
 *   0 or the errno of the failure, which the caller turns into Node's error text), and appends the hex
 *   digest of every entry flagged 1 to `hex`. progress[8*slot] and [8*slot+1] count files and bytes.
 *   prefixLen: bytes of `root/` (a path of PATH_MAX or more in all is ENAMETOOLONG, as in the JavaScript
 *   loop); cancel: an Int32Array on a SharedArrayBuffer, read between files and reads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <node_api.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <sys/syscall.h>
#include <unistd.h>

/* OpenSSL 3, as exported by the node executable (declared here: no OpenSSL headers are needed). */
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;
extern EVP_MD *EVP_MD_fetch(void *libctx, const char *algorithm, const char *properties);
extern void EVP_MD_free(EVP_MD *md);
extern int EVP_MD_get_size(const EVP_MD *md);
extern EVP_MD_CTX *EVP_MD_CTX_new(void);
extern void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
extern int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, void *impl);
extern int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt);
extern int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s);

enum { T_FILE = 0, T_DIR, T_FIFO, T_SOCKET, T_BLOCK, T_CHAR, T_UNKNOWN, T_RELSTAT };

/* IG_READ_ONLY: a build for the benchmark's "read only" row (scripts/build-native.mjs --read-only), which
 * reads and stats every file like the real loop but hashes nothing (its digests are all zero). Never
 * shipped. */
#ifdef IG_READ_ONLY
#define DIGEST_INIT(ctx, md) 1
#define DIGEST_UPDATE(ctx, p, n) ((void)(p), (void)(n))
#define DIGEST_FINAL(ctx, out, len) (memset((out), 0, 32), *(len) = 32, 1)
#else
#define DIGEST_INIT(ctx, md) EVP_DigestInit_ex((ctx), (md), NULL)
#define DIGEST_UPDATE(ctx, p, n) EVP_DigestUpdate((ctx), (p), (n))
#define DIGEST_FINAL(ctx, out, len) EVP_DigestFinal_ex((ctx), (out), (len))
#endif

typedef struct {
  int root;
  unsigned char *buf;
  size_t buf_len;
  EVP_MD_CTX *ctx;
  const EVP_MD *md;
  double stable_before;
  double *files;
  double *bytes;
  /* Set by the pool when it closes: stop between reads (a worker cannot be terminated inside C). */
  int32_t *cancel;
  /* Bytes of `root/`: the JavaScript loop opens root/path, which fails at PATH_MAX. */
  size_t prefix_len;
} Job;

static int cancelled(Job *j) {
  return __atomic_load_n(j->cancel, __ATOMIC_RELAXED) != 0;
}

/* openat2 is refused by some sandboxes (ENOSYS, or EPERM from an old seccomp profile): then openat with
 * O_NOFOLLOW, which checks only the last name, as the JavaScript loop does. */
static int no_openat2 = 0;

static int open_beneath(int root, const char *rel) {
  int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  if (!__atomic_load_n(&no_openat2, __ATOMIC_RELAXED)) {
    struct open_how how = {0};
    how.flags = flags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = syscall(SYS_openat2, root, rel, &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return (int)fd;
    int refused = errno == ENOSYS;
    int plain = openat(root, rel, flags);
    /* EPERM from a seccomp profile, not from the file: openat could open it. */
    if (refused || plain >= 0) __atomic_store_n(&no_openat2, 1, __ATOMIC_RELAXED);
    return plain;
  }
  return openat(root, rel, flags);
}

static int type_of(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return T_FILE;
    case S_IFDIR: return T_DIR;
    case S_IFIFO: return T_FIFO;
    case S_IFSOCK: return T_SOCKET;
    case S_IFBLK: return T_BLOCK;
    case S_IFCHR: return T_CHAR;
    default: return T_UNKNOWN;
  }
}

/* Node's ctimeMs: seconds * 1000 + nanoseconds / 1e6, as a double. */
static double ctime_ms(const struct stat *st) {
  return (double)st->st_ctim.tv_sec * 1000 + (double)st->st_ctim.tv_nsec / 1e6;
}

static int same(const struct stat *a, const struct stat *b) {
  return a->st_size == b->st_size && a->st_ino == b->st_ino && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
         a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
         a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* One pread. An EINTR is an error here as in readSync (which throws it), so both loops record the same. */
static ssize_t pread_once(Job *j, int fd, size_t len, off_t pos) {
  return pread(fd, j->buf, len, pos);
}

/* What one path came to. */
typedef struct {
  int type;
  double size;
  int mode;
  int has_digest;
  int unstable;
  int err;
  unsigned char digest[64];
  unsigned int digest_len;
} Result;

/* hashFd: the whole file through the buffer, stopping at `size` (see scan-worker.ts). `first` >= 0: the
 * buffer already holds that many bytes from offset 0. Returns bytes hashed, or -1 with errno set. */
static long long hash_fd(Job *j, int fd, long long size, long long first, Result *r) {
  if (first < 0) {
    ssize_t n = pread_once(j, fd, j->buf_len, 0);
    if (n < 0) return -1;
    first = n;
  }
  *j->bytes += (double)first;
  if (DIGEST_INIT(j->ctx, j->md) != 1) return errno = EIO, -1;
  DIGEST_UPDATE(j->ctx, j->buf, (size_t)first);
  long long pos = first;
  if (!(first == 0 || (size > 0 && first >= size))) {
    for (;;) {
      if (cancelled(j)) return errno = ECANCELED, -1;
      ssize_t n = pread_once(j, fd, j->buf_len, pos);
      if (n < 0) return -1;
      if (n == 0) break;
      DIGEST_UPDATE(j->ctx, j->buf, (size_t)n);
      pos += n;
      *j->bytes += (double)n;
      if (size > 0 && pos >= size) break;
    }
  }
  if (DIGEST_FINAL(j->ctx, r->digest, &r->digest_len) != 1) return errno = EIO, -1;
  return pos;
}

/* unreadable(): the error, with the size and mode lstat gives (0 and 0 when lstat fails too). */
static void unreadable(Job *j, const char *rel, int err, Result *r) {
  struct stat st;
  r->type = T_FILE;
  r->has_digest = 0;
  r->unstable = 0;
  r->err = err;
  if (fstatat(j->root, rel, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    r->size = (double)st.st_size;
    r->mode = st.st_mode & 07777;
  } else {
    r->size = 0;
    r->mode = 0;
  }
}

/* quickHash: 1 = answered, 0 = take the careful path, -1 = failed (errno): unreadable. As in the
 * JavaScript loop, only a failed first read goes the careful way; a later failure is the file's error. */
static int quick_hash(Job *j, int fd, Result *r) {
  ssize_t n = pread_once(j, fd, j->buf_len, 0);
  if (n < 0) return 0;
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  if (!S_ISREG(st.st_mode)) {
    r->type = type_of(st.st_mode);
    r->size = (double)st.st_size;
    r->mode = st.st_mode & 07777;
    return 1;
  }
  if (!(ctime_ms(&st) < j->stable_before)) return 0;
  if ((size_t)n < j->buf_len) {
    if ((long long)st.st_size != n) return 0;
    *j->bytes += (double)n;
    if (DIGEST_INIT(j->ctx, j->md) != 1) return errno = EIO, -1;
    DIGEST_UPDATE(j->ctx, j->buf, (size_t)n);
    if (DIGEST_FINAL(j->ctx, r->digest, &r->digest_len) != 1) return errno = EIO, -1;
    r->type = T_FILE;
    r->size = (double)n;
    r->mode = st.st_mode & 07777;
    r->has_digest = 1;
    return 1;
  }
  long long done = hash_fd(j, fd, st.st_size, n, r);
  if (done < 0) return -1;
  struct stat after;
  if (fstat(fd, &after) != 0) return -1;
  if (!(ctime_ms(&after) < j->stable_before) || done != (long long)after.st_size) return 0;
  r->type = T_FILE;
  r->size = (double)done;
  r->mode = after.st_mode & 07777;
  r->has_digest = 1;
  return 1;
}

/* The careful path: fstat before and after, one re-hash, then `unstable`. */
static void careful(Job *j, int fd, const char *rel, Result *r) {
  struct stat before, after;
  if (fstat(fd, &before) != 0) return unreadable(j, rel, errno, r);
  if (!S_ISREG(before.st_mode)) {
    r->type = type_of(before.st_mode);
    r->size = (double)before.st_size;
    r->mode = before.st_mode & 07777;
    return;
  }
  for (int attempt = 0;; attempt++) {
    long long done = hash_fd(j, fd, before.st_size, -1, r);
    if (done < 0) return unreadable(j, rel, errno, r);
    if (fstat(fd, &after) != 0) return unreadable(j, rel, errno, r);
    r->type = T_FILE;
    r->size = (double)done;
    r->mode = after.st_mode & 07777;
    r->has_digest = 1;
    if (same(&before, &after) && done == (long long)after.st_size) return;
    if (attempt == 1) {
      r->unstable = 1;
      return;
    }
    before = after;
  }
}

static void hash_one(Job *j, const char *rel, Result *r) {
  memset(r, 0, offsetof(Result, digest));
  if (j->prefix_len + strlen(rel) >= PATH_MAX) {
    /* What open and lstat of root/path answer in the JavaScript loop. */
    r->type = T_FILE;
    r->err = ENAMETOOLONG;
    return;
  }
  int fd = open_beneath(j->root, rel);
  if (fd < 0) {
    int err = errno;
    /* A symlink where a file was listed, or (openat2) a directory on the way turned into one. */
    if (err == ELOOP || err == EXDEV) {
      r->type = T_RELSTAT;
      return;
    }
    return unreadable(j, rel, err, r);
  }
  int quick = quick_hash(j, fd, r);
  if (quick < 0) {
    int err = errno;
    unreadable(j, rel, err, r);
  } else if (quick == 0) {
    memset(r, 0, offsetof(Result, digest));
    careful(j, fd, rel, r);
  }
  close(fd);
}

static const char HEX[] = "0123456789abcdef";

#define CHECK(call)                                                                                    \
  do {                                                                                                 \
    if ((call) != napi_ok) {                                                                           \
      napi_throw_error(env, NULL, "scan addon: bad argument (" #call ")");                             \
      return NULL;                                                                                     \
    }                                                                                                  \
  } while (0)

static void *typed(napi_env env, napi_value v, napi_typedarray_type want, size_t *len) {
  napi_typedarray_type type;
  void *data;
  size_t length;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok || type != want)
    return NULL;
  *len = length;
  return data ? data : (void *)"";
}

static napi_value hash_batch(napi_env env, napi_callback_info info) {
  size_t argc = 16;
  napi_value argv[16];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 16) {
    napi_throw_error(env, NULL, "hashBatch: expected 16 arguments");
    return NULL;
  }
  Job j;
  int32_t root, count, slot;
  size_t paths_len = 0, buf_len = 0, progress_len = 0, tl = 0, sl = 0, ml = 0, fl = 0, el = 0, hex_len = 0;
  char name[32];
  size_t name_len;
  CHECK(napi_get_value_int32(env, argv[0], &root));
  CHECK(napi_get_value_int32(env, argv[2], &count));
  CHECK(napi_get_value_string_utf8(env, argv[4], name, sizeof name, &name_len));
  CHECK(napi_get_value_double(env, argv[5], &j.stable_before));
  CHECK(napi_get_value_int32(env, argv[7], &slot));
  const char *paths = typed(env, argv[1], napi_uint8_array, &paths_len);
  unsigned char *buf = typed(env, argv[3], napi_uint8_array, &buf_len);
  double *progress = typed(env, argv[6], napi_float64_array, &progress_len);
  uint8_t *t = typed(env, argv[8], napi_uint8_array, &tl);
  double *s = typed(env, argv[9], napi_float64_array, &sl);
  uint16_t *m = typed(env, argv[10], napi_uint16_array, &ml);
  uint8_t *f = typed(env, argv[11], napi_uint8_array, &fl);
  int32_t *errs = typed(env, argv[12], napi_int32_array, &el);
  char *hex = typed(env, argv[13], napi_uint8_array, &hex_len);
  uint32_t prefix_len = 0;
  size_t cancel_len = 0;
  CHECK(napi_get_value_uint32(env, argv[14], &prefix_len));
  int32_t *cancel = typed(env, argv[15], napi_int32_array, &cancel_len);
  if (!paths || !buf || !progress || !t || !s || !m || !f || !errs || !hex || !cancel || cancel_len < 1 ||
      count < 0 || slot < 0 ||
      tl < (size_t)count || sl < (size_t)count || ml < (size_t)count || fl < (size_t)count ||
      el < (size_t)count || progress_len < 8 * (size_t)slot + 2 || buf_len == 0 ||
      (paths_len > 0 && paths[paths_len - 1] != 0)) {
    napi_throw_error(env, NULL, "hashBatch: bad arguments");
    return NULL;
  }
  j.md = EVP_MD_fetch(NULL, name, NULL);
  if (!j.md) {
    napi_throw_error(env, NULL, "hashBatch: unknown hash");
    return NULL;
  }
  j.ctx = EVP_MD_CTX_new();
  if (!j.ctx) {
    EVP_MD_free((EVP_MD *)j.md);
    napi_throw_error(env, NULL, "hashBatch: out of memory");
    return NULL;
  }
  size_t md_size = (size_t)EVP_MD_get_size(j.md);
  j.root = root;
  j.buf = buf;
  j.buf_len = buf_len;
  j.files = &progress[8 * slot];
  j.bytes = &progress[8 * slot + 1];
  j.cancel = cancel;
  j.prefix_len = prefix_len;
  size_t at = 0, out = 0;
  int32_t i = 0;
  Result r;
  /* Each path ends with a NUL (checked above for the last one), so strlen stays inside `paths`. */
  for (; i < count && at < paths_len; i++) {
    if (cancelled(&j)) break;
    const char *rel = paths + at;
    at += strlen(rel) + 1;
    hash_one(&j, rel, &r);
    *j.files += 1;
    t[i] = (uint8_t)r.type;
    s[i] = r.size;
    m[i] = (uint16_t)r.mode;
    f[i] = (uint8_t)((r.has_digest ? 1 : 0) | (r.unstable ? 2 : 0));
    errs[i] = r.err;
    if (r.has_digest) {
      if (r.digest_len != md_size || out + 2 * md_size > hex_len) {
        /* Cannot happen with a hex buffer of count * 2 * digest size; never write past it. */
        f[i] = 0;
        errs[i] = EOVERFLOW;
        continue;
      }
      for (unsigned k = 0; k < r.digest_len; k++) {
        hex[out++] = HEX[r.digest[k] >> 4];
        hex[out++] = HEX[r.digest[k] & 15];
      }
    }
  }
  EVP_MD_CTX_free(j.ctx);
  EVP_MD_free((EVP_MD *)j.md);
  napi_value result;
  if (cancelled(&j)) {
    /* The pool is closing: nobody reads this batch. */
    CHECK(napi_create_double(env, -1, &result));
    return result;
  }
  if (i != count) {
    napi_throw_error(env, NULL, "hashBatch: fewer paths than count");
    return NULL;
  }
  CHECK(napi_create_double(env, (double)out, &result));
  return result;
}

/* ---- listDir: the walk's listing of one directory (main thread) ---- */

/* Entry kinds in listDir's `types`: what the walk needs to know before it looks closer. */
enum { L_OTHER = 0, L_FILE = 1, L_DIR = 2 };

/* A growable byte array. */
typedef struct {
  unsigned char *p;
  size_t len, cap;
} Bytes;

static int put(Bytes *b, const void *src, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n) cap *= 2;
    unsigned char *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, src, n);
  b->len += n;
  return 0;
}

/* Well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF), as Buffer's isUtf8 checks it. */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    unsigned min;
    if (c >= 0xc2 && c <= 0xdf) len = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef) len = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4) len = 4, min = 0x10000;
    else return 0;
    if (i + len > n) return 0;
    unsigned cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    i += len;
  }
  return 1;
}

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static int kind_of_mode(mode_t mode) {
  return S_ISREG(mode) ? L_FILE : S_ISDIR(mode) ? L_DIR : L_OTHER;
}

/*
 * listDir(path, dev, ino, raw) -> { names, types } | errno (a number)
 *   path: Uint8Array, the directory's absolute path ending with a NUL. It is opened with O_NOFOLLOW and
 *   O_DIRECTORY, and when dev/ino are numbers the descriptor must be that inode (else the number 0:
 *   "replaced"), so the listing is of the directory the walk's lstat saw. names: every name but . and
 *   .., NUL-separated, as one string (latin1 when all ASCII, else UTF-8), or as a Buffer when `raw` or
 *   when a name is not valid UTF-8. types[i]: 1 regular file, 2 directory, 0 anything else (d_type, or
 *   fstatat where the filesystem does not give it; a name fstatat cannot see is 0, and the walk's lstat
 *   then records why). stats: a Float64Array of 3 per name; for a directory its lstat relative to the
 *   listed one (st_mode, st_dev, st_ino), or -errno first when that failed; zeros for other names.
 *   Unordered.
 */
static napi_value list_dir(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  size_t path_len = 0;
  const char *path = argc == 4 ? typed(env, argv[0], napi_uint8_array, &path_len) : NULL;
  if (!path || path_len == 0 || path[path_len - 1] != 0 || memchr(path, 0, path_len) != path + path_len - 1) {
    napi_throw_error(env, NULL, "listDir: bad path");
    return NULL;
  }
  napi_valuetype dev_type, ino_type;
  double want_dev = 0, want_ino = 0;
  bool raw = false;
  CHECK(napi_typeof(env, argv[1], &dev_type));
  CHECK(napi_typeof(env, argv[2], &ino_type));
  /* Both numbers (pin) or both undefined (no pin): anything else would silently skip the pin. */
  if (!((dev_type == napi_number && ino_type == napi_number) ||
        (dev_type == napi_undefined && ino_type == napi_undefined))) {
    napi_throw_error(env, NULL, "listDir: dev and ino must both be numbers or both undefined");
    return NULL;
  }
  if (dev_type == napi_number) CHECK(napi_get_value_double(env, argv[1], &want_dev));
  if (ino_type == napi_number) CHECK(napi_get_value_double(env, argv[2], &want_ino));
  CHECK(napi_get_value_bool(env, argv[3], &raw));
  napi_value result;
  int fd;
  fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    CHECK(napi_create_int32(env, errno, &result));
    return result;
  }
  if (dev_type == napi_number && ino_type == napi_number) {
    struct stat st;
    if (fstat(fd, &st) != 0 || (double)st.st_dev != want_dev || (double)st.st_ino != want_ino) {
      close(fd);
      CHECK(napi_create_int32(env, 0, &result));
      return result;
    }
  }
  Bytes names = {0}, types = {0}, stats = {0};
  static __thread unsigned char ents[32768];
  int err = 0, ascii = 1;
  for (;;) {
    long n = syscall(SYS_getdents64, fd, ents, sizeof ents);
    if (n < 0) {
      err = errno;
      break;
    }
    if (n == 0) break;
    for (long at = 0; at < n;) {
      struct linux_dirent64 *d = (struct linux_dirent64 *)(ents + at);
      at += d->d_reclen;
      const char *name = d->d_name;
      if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
      unsigned char kind;
      /* For a directory: its lstat (mode, dev, ino), or -errno in place of the mode. */
      double dir_stat[3] = {0, 0, 0};
      struct stat st;
      int st_err = -1;
      switch (d->d_type) {
        case DT_REG: kind = L_FILE; break;
        case DT_DIR: kind = L_DIR; break;
        case DT_UNKNOWN:
          st_err = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno;
          kind = st_err == 0 ? kind_of_mode(st.st_mode) : L_OTHER;
          break;
        default: kind = L_OTHER;
      }
      if (kind == L_DIR) {
        /* Relative to the pinned descriptor: no path walk, and what the walk pins the child's listing to. */
        if (st_err < 0) st_err = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno;
        if (st_err == 0) {
          dir_stat[0] = (double)st.st_mode;
          dir_stat[1] = (double)st.st_dev;
          dir_stat[2] = (double)st.st_ino;
        } else dir_stat[0] = -(double)st_err;
      }
      size_t len = strlen(name);
      for (size_t k = 0; k < len && ascii; k++) ascii = (unsigned char)name[k] < 0x80;
      if ((types.len > 0 && put(&names, "", 1)) || put(&names, name, len) || put(&types, &kind, 1) ||
          put(&stats, dir_stat, sizeof dir_stat)) {
        err = ENOMEM;
        break;
      }
    }
    if (err) break;
  }
  close(fd);
  if (err) {
    free(names.p);
    free(types.p);
    free(stats.p);
    CHECK(napi_create_int32(env, err, &result));
    return result;
  }
  napi_value names_v, types_v, types_buf, stats_v, stats_ab;
  void *stats_data = NULL;
  napi_status st;
  const char *text = names.p ? (const char *)names.p : "";
  if (!raw && ascii) st = napi_create_string_latin1(env, text, names.len, &names_v);
  else if (!raw && valid_utf8(names.p, names.len)) st = napi_create_string_utf8(env, text, names.len, &names_v);
  else st = napi_create_buffer_copy(env, names.len, text, NULL, &names_v);
  if (st == napi_ok) st = napi_create_buffer_copy(env, types.len, types.p ? (void *)types.p : (void *)"", NULL, &types_buf);
  if (st == napi_ok) st = napi_create_arraybuffer(env, stats.len, &stats_data, &stats_ab);
  if (st == napi_ok && stats.len > 0) memcpy(stats_data, stats.p, stats.len);
  if (st == napi_ok) st = napi_create_typedarray(env, napi_float64_array, stats.len / sizeof(double), stats_ab, 0, &stats_v);
  free(names.p);
  free(types.p);
  free(stats.p);
  if (st != napi_ok) {
    napi_throw_error(env, NULL, "listDir: out of memory");
    return NULL;
  }
  types_v = types_buf;
  CHECK(napi_create_object(env, &result));
  CHECK(napi_set_named_property(env, result, "names", names_v));
  CHECK(napi_set_named_property(env, result, "types", types_v));
  CHECK(napi_set_named_property(env, result, "stats", stats_v));
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "hashBatch", NAPI_AUTO_LENGTH, hash_batch, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "hashBatch", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "listDir", NAPI_AUTO_LENGTH, list_dir, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "listDir", fn) != napi_ok) return NULL;
  return exports;
}
