/*
 * workload.c - find, read and split a workload folder
 *
 * A workload is loaded whole before anything is timed: every file is read
 * into memory (64 MiB at most each), split with sqlsplit() and given
 * statement ids.  Each file is opened once; stat() first tells a missing
 * file from one that is there but is not a regular file (a directory named
 * x.sql, a FIFO that would block, a socket), and fstat() on the open
 * descriptor checks again so that nothing swapped in between is read.
 * Symbolic links are followed; a loop or a dangling link is an error from
 * stat() or open() like any other.
 *
 * Messages name the workload and the file relative to its folder
 * ("workload 'default': tests/03-x.sql:4: unterminated string literal").
 * On failure the struct workload is freed and zeroed, so callers only ever
 * hold a complete workload or an empty one.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "sqlsplit.h"
#include "workload.h"
#include "xmalloc.h"

#define WORKLOAD_FILE_MAX ((size_t)64 * 1024 * 1024)

static int
workload_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does a directory entry name end in ".sql" (and not start with '.')? */
static int
workload_is_sql_name(const char *name)
{
	size_t	len;

	len = strlen(name);
	if (name[0] == '.' || len <= 4)
		return 0;
	return strcmp(name + len - 4, ".sql") == 0;
}

/*
 * Read the regular file dir/rel whole into a new buffer (*buf, *len; the
 * buffer is NUL-terminated for convenience but may hold NUL bytes).  Fails
 * with DB_EUSAGE when it is not a regular file or is over the size limit,
 * and with DB_EIO (strerror) when stat, open or read fails; the message is
 * "REL: what", without the workload name.  *buf is NULL on failure.
 */
static int
workload_read_file(const char *dir, const char *rel, char **buf, size_t *len,
    struct db_error *err)
{
	struct stat	 sb;
	char		*path, *data;
	size_t		 cap, used;
	ssize_t		 got;
	int		 fd, rc, saved;

	*buf = NULL;
	*len = 0;
	path = xasprintf("%s/%s", dir, rel);
	if (stat(path, &sb) == -1) {
		saved = errno;
		free(path);
		return db_error_set(err, DB_EIO, "%s: %s", rel,
		    strerror(saved));
	}
	if (S_ISDIR(sb.st_mode)) {
		free(path);
		return db_error_set(err, DB_EUSAGE, "%s: is a directory", rel);
	}
	if (!S_ISREG(sb.st_mode)) {
		free(path);
		return db_error_set(err, DB_EUSAGE, "%s: not a regular file",
		    rel);
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	saved = errno;
	free(path);
	if (fd == -1)
		return db_error_set(err, DB_EIO, "%s: %s", rel,
		    strerror(saved));
	if (fstat(fd, &sb) == -1) {
		saved = errno;
		close(fd);
		return db_error_set(err, DB_EIO, "%s: %s", rel,
		    strerror(saved));
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return db_error_set(err, DB_EUSAGE, "%s: not a regular file",
		    rel);
	}
	if (sb.st_size < 0 || (unsigned long long)sb.st_size >
	    WORKLOAD_FILE_MAX) {
		close(fd);
		return db_error_set(err, DB_EUSAGE,
		    "%s: too large (over 64 MiB)", rel);
	}

	/* The file may grow while read: stop one byte past the limit. */
	cap = (size_t)sb.st_size + 1;
	data = xmalloc(cap + 1);
	used = 0;
	rc = DB_OK;
	for (;;) {
		if (used == cap) {
			if (cap > WORKLOAD_FILE_MAX) {
				rc = db_error_set(err, DB_EUSAGE,
				    "%s: too large (over 64 MiB)", rel);
				break;
			}
			cap = cap * 2 > WORKLOAD_FILE_MAX + 1 ?
			    WORKLOAD_FILE_MAX + 1 : cap * 2;
			data = xreallocarray(data, cap + 1, 1);
		}
		got = read(fd, data + used, cap - used);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			rc = db_error_set(err, DB_EIO, "%s: %s", rel,
			    strerror(errno));
			break;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	close(fd);
	if (rc == DB_OK && used > WORKLOAD_FILE_MAX)
		rc = db_error_set(err, DB_EUSAGE, "%s: too large (over 64 MiB)",
		    rel);
	if (rc != DB_OK) {
		free(data);
		return rc;
	}
	data[used] = '\0';
	*buf = data;
	*len = used;
	return DB_OK;
}

/* Free one file of a workload and zero it; accepts a zeroed one. */
static void
workload_file_fini(struct workload_file *wf)
{
	free(wf->path);
	free(wf->stmts);
	sql_script_fini(&wf->script);
	memset(wf, 0, sizeof *wf);
}

/*
 * Split len bytes of SQL text into wf as file rel, numbering its statements
 * from *next_id on and advancing *next_id past them.  On failure wf is left
 * zeroed and err holds "REL[:LINE]: what".
 */
static int
workload_split_file(const char *buf, size_t len, const char *rel,
    enum sql_dialect dialect, struct workload_file *wf, unsigned *next_id,
    struct db_error *err)
{
	size_t	k;
	int	rc;

	memset(wf, 0, sizeof *wf);
	rc = sqlsplit(buf, len, dialect, rel, &wf->script, err);
	if (rc != DB_OK)
		return rc;
	if (wf->script.n > UINT_MAX - *next_id) {
		sql_script_fini(&wf->script);
		return db_error_set(err, DB_EUSAGE, "%s: too many statements",
		    rel);
	}
	wf->path = xstrdup(rel);
	wf->n = wf->script.n;
	wf->stmts = xcalloc(wf->n, sizeof *wf->stmts);
	for (k = 0; k < wf->n; k++) {
		wf->stmts[k].text = wf->script.stmts[k].text;
		wf->stmts[k].line = wf->script.stmts[k].line;
		wf->stmts[k].expect_error = wf->script.stmts[k].expect_error;
		wf->stmts[k].id = (*next_id)++;
	}
	return DB_OK;
}

/* Read and split dir/rel into wf, as workload_split_file() does. */
static int
workload_load_file(const char *dir, const char *rel, enum sql_dialect dialect,
    struct workload_file *wf, unsigned *next_id, struct db_error *err)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	memset(wf, 0, sizeof *wf);
	rc = workload_read_file(dir, rel, &buf, &len, err);
	if (rc != DB_OK)
		return rc;
	rc = workload_split_file(buf, len, rel, dialect, wf, next_id, err);
	free(buf);
	return rc;
}

/*
 * Does dir/rel exist at all, as a link or anything else (lstat)?  Returns 1
 * or 0, or DB_EIO when lstat fails otherwise than by ENOENT.
 */
static int
workload_exists(const char *dir, const char *rel, struct db_error *err)
{
	struct stat	 sb;
	char		*path;
	int		 rc, saved;

	path = xasprintf("%s/%s", dir, rel);
	rc = lstat(path, &sb);
	saved = errno;
	free(path);
	if (rc == 0)
		return 1;
	if (saved == ENOENT)
		return 0;
	return db_error_set(err, DB_EIO, "%s: %s", rel, strerror(saved));
}

/*
 * The names of the entries of d (a listing of dir) that keep() takes,
 * sorted with strcmp, in a new array of new strings; d is closed.  Returns
 * 0, or the errno reading failed with, leaving *names NULL and *n 0.
 */
static int
read_sorted_names(DIR *d, const char *dir,
    int (*keep)(const char *dir, const char *name), char ***names, size_t *n)
{
	struct dirent	 *de;
	char		**v = NULL;
	size_t		  nv = 0, cap = 0, k;
	int		  saved;

	for (;;) {
		errno = 0;
		de = readdir(d);
		if (de == NULL)
			break;
		if (!keep(dir, de->d_name))
			continue;
		if (nv == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[nv++] = xstrdup(de->d_name);
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		for (k = 0; k < nv; k++)
			free(v[k]);
		free(v);
		v = NULL;
		nv = 0;
	} else if (nv > 1) {
		qsort(v, nv, sizeof *v, workload_strcmp);
	}
	*names = v;
	*n = nv;
	return saved;
}

/* A test file of a tests/ folder: *.sql. */
static int
is_test_name(const char *dir, const char *name)
{
	(void)dir;
	return workload_is_sql_name(name);
}

/*
 * A workload of the fixtures folder: a subfolder (a link to one counts)
 * holding a regular file schema.sql, its name not starting with '.'.
 */
static int
is_workload_dir(const char *fixtures_dir, const char *name)
{
	struct stat sb;
	char *path;
	int ok;

	if (name[0] == '.')
		return 0;
	path = xasprintf("%s/%s", fixtures_dir, name);
	ok = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(path);
	if (!ok)
		return 0;
	path = xasprintf("%s/%s/schema.sql", fixtures_dir, name);
	ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	free(path);
	return ok;
}

/*
 * The names of the *.sql files of dir/tests, sorted with strcmp, in a new
 * array of new strings (*names, *n).  Fails with DB_EUSAGE when tests/ is
 * missing, is not a folder or holds no *.sql, DB_EIO when it cannot be
 * read; *names is NULL then.
 */
static int
workload_test_names(const char *dir, char ***names, size_t *n,
    struct db_error *err)
{
	DIR		 *d;
	char		 *path;
	int		  saved;

	*names = NULL;
	*n = 0;
	path = xasprintf("%s/tests", dir);
	d = opendir(path);
	saved = errno;
	free(path);
	if (d == NULL && saved == ENOENT)
		return db_error_set(err, DB_EUSAGE,
		    "missing tests/ folder in %s", dir);
	if (d == NULL && saved == ENOTDIR)
		return db_error_set(err, DB_EUSAGE, "tests: not a folder");
	if (d == NULL)
		return db_error_set(err, DB_EIO, "tests: %s",
		    strerror(saved));

	saved = read_sorted_names(d, dir, is_test_name, names, n);
	if (saved != 0)
		return db_error_set(err, DB_EIO, "tests: %s", strerror(saved));
	if (*n == 0)
		return db_error_set(err, DB_EUSAGE, "no tests/*.sql in %s",
		    dir);
	return DB_OK;
}

/* A backend name goes into a file name: keep it to [A-Za-z0-9_-]. */
static int
workload_backend_ok(const char *backend)
{
	const char	*p;

	if (backend[0] == '\0')
		return 0;
	for (p = backend; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
			continue;
		return 0;
	}
	return 1;
}

/*
 * Find a workload: name_or_dir without a '/' names a folder of
 * fixtures_dir (which may be NULL) when there is one; otherwise, or when
 * there is none, name_or_dir is taken as a folder path.  "." and ".." are
 * always paths.  On success *dir_out is a new string the caller frees.
 * Fails with DB_EUSAGE when neither is a folder (or name_or_dir is NULL or
 * empty), leaving *dir_out NULL.
 */
int
workload_resolve(const char *name_or_dir, const char *fixtures_dir,
    char **dir_out, struct db_error *err)
{
	struct stat	 sb;
	char		*path;

	*dir_out = NULL;
	if (name_or_dir == NULL || name_or_dir[0] == '\0')
		return db_error_set(err, DB_EUSAGE,
		    "workload '': no such workload or folder");
	if (fixtures_dir != NULL && strchr(name_or_dir, '/') == NULL &&
	    strcmp(name_or_dir, ".") != 0 && strcmp(name_or_dir, "..") != 0) {
		path = xasprintf("%s/%s", fixtures_dir, name_or_dir);
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			*dir_out = path;
			return DB_OK;
		}
		free(path);
	}
	if (stat(name_or_dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		*dir_out = xstrdup(name_or_dir);
		return DB_OK;
	}
	return db_error_set(err, DB_EUSAGE,
	    "workload '%s': no such workload or folder", name_or_dir);
}

/*
 * Load the workload in folder dir for backend (e.g. "sqlite", "postgres";
 * NULL means no backend-specific schema) into *wl, which is overwritten,
 * not freed.  name is what messages call it (NULL: dir).  Reads
 * schema.<backend>.sql if it exists, else schema.sql; seed.sql if it
 * exists; and every tests/ *.sql (names starting with '.' skipped) in
 * strcmp order.  Statement ids run 0 .. n_stmts - 1 over schema, seed, then
 * tests.  On success the caller owns *wl and frees it with workload_fini().
 * On failure returns DB_EUSAGE (no such folder, no schema, no tests/ or
 * no tests/ *.sql, an entry that is not a regular file, a file over 64 MiB,
 * bad SQL, a schema or test file with no statement) or DB_EIO (a system
 * call failed: unreadable file, symbolic link loop), with "workload 'NAME':
 * ..." in err, and leaves *wl zeroed.
 */
int
workload_load(const char *name, const char *dir, const char *backend,
    enum sql_dialect dialect, struct workload *wl, struct db_error *err)
{
	struct stat	  sb;
	char		**names, *rel, *schema;
	size_t		  n_names, k;
	unsigned	  id;
	int		  rc, saved;

	memset(wl, 0, sizeof *wl);
	if (name == NULL)
		name = dir;
	names = NULL;
	n_names = 0;
	schema = NULL;
	id = 0;

	if (backend != NULL && !workload_backend_ok(backend)) {
		rc = db_error_set(err, DB_EUSAGE, "bad backend name '%s'",
		    backend);
		goto fail;
	}
	if (stat(dir, &sb) == -1) {
		saved = errno;
		if (saved == ENOENT)
			rc = db_error_set(err, DB_EUSAGE, "no such folder %s",
			    dir);
		else
			rc = db_error_set(err, DB_EIO, "%s: %s", dir,
			    strerror(saved));
		goto fail;
	}
	if (!S_ISDIR(sb.st_mode)) {
		rc = db_error_set(err, DB_EUSAGE, "%s: not a folder", dir);
		goto fail;
	}
	wl->name = xstrdup(name);
	wl->dir = xstrdup(dir);
	wl->backend = backend == NULL ? NULL : xstrdup(backend);

	if (backend != NULL) {
		schema = xasprintf("schema.%s.sql", backend);
		rc = workload_exists(dir, schema, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			free(schema);
			schema = NULL;
		}
	}
	if (schema == NULL) {
		schema = xstrdup("schema.sql");
		rc = workload_exists(dir, schema, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			rc = db_error_set(err, DB_EUSAGE,
			    "missing schema.sql in %s", dir);
			goto fail;
		}
	}
	rc = workload_load_file(dir, schema, dialect, &wl->schema, &id, err);
	if (rc != DB_OK)
		goto fail;
	if (wl->schema.n == 0) {
		rc = db_error_set(err, DB_EUSAGE, "%s: no statements", schema);
		goto fail;
	}

	rc = workload_exists(dir, "seed.sql", err);
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		wl->has_seed = 1;
		rc = workload_load_file(dir, "seed.sql", dialect, &wl->seed,
		    &id, err);
		if (rc != DB_OK)
			goto fail;
	}

	rc = workload_test_names(dir, &names, &n_names, err);
	if (rc != DB_OK)
		goto fail;
	wl->tests = xcalloc(n_names, sizeof *wl->tests);
	wl->n_tests = n_names;
	for (k = 0; k < n_names; k++) {
		rel = xasprintf("tests/%s", names[k]);
		rc = workload_load_file(dir, rel, dialect, &wl->tests[k], &id,
		    err);
		if (rc == DB_OK && wl->tests[k].n == 0)
			rc = db_error_set(err, DB_EUSAGE, "%s: no statements",
			    rel);
		free(rel);
		if (rc != DB_OK)
			goto fail;
	}
	wl->n_stmts = id;
	rc = DB_OK;

fail:
	for (k = 0; k < n_names; k++)
		free(names[k]);
	free(names);
	free(schema);
	if (rc != DB_OK) {
		db_error_prefix(err, "workload '%s': ", name);
		workload_fini(wl);
	}
	return rc;
}

/*
 * Build a workload with no tests from SQL text: a schema and an optional
 * seed (NULL for none), split in the given dialect, as validation
 * scenarios need.  name is shown in messages and as the files' folder.
 * On failure *wl is zeroed and err names the part that did not split.
 */
int
workload_from_text(const char *name, const char *backend,
    enum sql_dialect dialect, const char *schema, const char *seed,
    struct workload *wl, struct db_error *err)
{
	unsigned	id = 0;
	int		rc;

	memset(wl, 0, sizeof *wl);
	wl->name = xstrdup(name);
	wl->dir = xstrdup(name);
	wl->backend = backend == NULL ? NULL : xstrdup(backend);
	rc = workload_split_file(schema, strlen(schema), "schema.sql",
	    dialect, &wl->schema, &id, err);
	if (rc == DB_OK && seed != NULL) {
		wl->has_seed = 1;
		rc = workload_split_file(seed, strlen(seed), "seed.sql",
		    dialect, &wl->seed, &id, err);
	}
	if (rc != DB_OK) {
		db_error_prefix(err, "%s: ", name);
		workload_fini(wl);
		return rc;
	}
	wl->n_stmts = id;
	return DB_OK;
}

/* Free everything a workload holds and zero it; accepts a zeroed one. */
void
workload_fini(struct workload *wl)
{
	size_t	k;

	if (wl == NULL)
		return;
	free(wl->name);
	free(wl->dir);
	free(wl->backend);
	workload_file_fini(&wl->schema);
	workload_file_fini(&wl->seed);
	for (k = 0; k < wl->n_tests; k++)
		workload_file_fini(&wl->tests[k]);
	free(wl->tests);
	memset(wl, 0, sizeof *wl);
}

/*
 * The names of the workloads of fixtures_dir: its subfolders (links to
 * folders count) holding a regular file schema.sql, skipping names that
 * start with '.', sorted with strcmp.  An entry that cannot be stat'ed is
 * not a workload and is skipped.  On success *names_out is a new array of
 * *n_out new strings (NULL when there are none); the caller frees each and
 * the array.  Fails with DB_EIO when fixtures_dir cannot be read, leaving
 * *names_out NULL and *n_out 0.
 */
int
workload_list(const char *fixtures_dir, char ***names_out, size_t *n_out,
    struct db_error *err)
{
	DIR		 *d;
	int		  saved;

	*names_out = NULL;
	*n_out = 0;
	d = opendir(fixtures_dir);
	if (d == NULL)
		return db_error_set(err, DB_EIO, "fixtures folder '%s': %s",
		    fixtures_dir, strerror(errno));
	saved = read_sorted_names(d, fixtures_dir, is_workload_dir, names_out,
	    n_out);
	if (saved != 0)
		return db_error_set(err, DB_EIO, "fixtures folder '%s': %s",
		    fixtures_dir, strerror(saved));
	return DB_OK;
}
