/*
 * strbuf.h - a growable, always NUL-terminated byte buffer
 *
 * Reports are built in a strbuf and written once, so that a failure halfway
 * leaves nothing on disk.  A strbuf on the stack starts with strbuf_init()
 * and ends with strbuf_fini().
 */
#ifndef DBBENCH_STRBUF_H
#define DBBENCH_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;  /* NUL-terminated contents; never NULL after init */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
void strbuf_fini(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_pad(struct strbuf *sb, char c, size_t n);
char *strbuf_detach(struct strbuf *sb);

#endif
