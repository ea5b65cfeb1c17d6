/*
 * xmalloc.h - allocation that never returns NULL
 *
 * Running out of memory is not a condition dbbench can report usefully in the
 * middle of a timed loop, so these wrappers print one line and abort.  That
 * removes most NULL checks from the rest of the code.
 */
#ifndef DBBENCH_XMALLOC_H
#define DBBENCH_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void xstrv_addv(char ***v, size_t *n, size_t max, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));

#endif
