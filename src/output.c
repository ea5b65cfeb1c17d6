/*
 * output.c - atomic report files
 *
 * path == NULL or "-" means stdout.  Otherwise: mkstemp() next to the
 * target, write everything, fsync, close, rename.  Any failure removes the
 * temporary file and reports the path and the system's reason.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "xmalloc.h"

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
write_stdout(const char *data, size_t len, struct db_error *err)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		return db_error_set(err, DB_EIO, "write to standard output: %s",
		    strerror(errno));
	return DB_OK;
}

/*
 * Special files (/dev/stdout, /dev/full, a FIFO) are written in place:
 * they cannot be renamed over.
 */
static int
write_in_place(const char *path, const char *data, size_t len,
    struct db_error *err)
{
	int fd, saved;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return db_error_set(err, DB_EIO, "open %s: %s", path,
		    strerror(errno));
	if (write_all(fd, data, len) != 0) {
		saved = errno;
		close(fd);
		return db_error_set(err, DB_EIO, "write %s: %s", path,
		    strerror(saved));
	}
	if (close(fd) != 0)
		return db_error_set(err, DB_EIO, "write %s: %s", path,
		    strerror(errno));
	return DB_OK;
}

/* A regular file: written to a temporary file beside it, then renamed
 * over it, so that it is never half written. */
static int
write_atomically(const char *path, const char *data, size_t len,
    struct db_error *err)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd, saved;

	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		return db_error_set(err, DB_EIO, "create %s: %s", path,
		    strerror(saved));
	}
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return db_error_set(err, DB_EIO, "write %s: %s", path,
		    strerror(saved));
	}
	if (fchmod(fd, 0644) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		return db_error_set(err, DB_EIO, "write %s: %s", path,
		    strerror(saved));
	}
	free(tmp);
	return DB_OK;
}

int
output_write(const char *path, const char *data, size_t len,
    struct db_error *err)
{
	struct stat st;

	if (path == NULL || strcmp(path, "-") == 0)
		return write_stdout(data, len, err);
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return write_atomically(path, data, len, err);
	if (S_ISDIR(st.st_mode))
		return db_error_set(err, DB_EIO, "write %s: is a directory",
		    path);
	return write_in_place(path, data, len, err);
}

int
output_save(const char *name, const char *data, size_t len,
    struct db_error *err)
{
	struct stat st;
	char *path;
	int rc;

	if (mkdir(OUTPUT_RESULTS_DIR, 0777) != 0 && errno != EEXIST)
		return db_error_set(err, DB_EIO, "--save: create %s/: %s",
		    OUTPUT_RESULTS_DIR, strerror(errno));
	if (stat(OUTPUT_RESULTS_DIR, &st) != 0 || !S_ISDIR(st.st_mode))
		return db_error_set(err, DB_EIO,
		    "--save: %s exists and is not a folder",
		    OUTPUT_RESULTS_DIR);
	path = xasprintf("%s/%s.json", OUTPUT_RESULTS_DIR, name);
	rc = output_write(path, data, len, err);
	free(path);
	return rc;
}
