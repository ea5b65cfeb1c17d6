/*
 * progress.c - the progress line on standard error
 *
 * On a terminal the line is redrawn in place as often as the callers draw.
 * Anywhere else (a CI log, a file) a line is printed only every
 * PROGRESS_LOG_INTERVAL seconds, the first that long after the first draw,
 * each a line of its own: a run shorter than that prints nothing.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "progress.h"

#define PROGRESS_LOG_INTERVAL_NS (10 * INT64_C(1000000000))

/* Not a terminal: print line when the interval since the last passed. */
static void
progress_log(const char *line)
{
	static int64_t last;
	int64_t now = clock_now_ns();

	if (last == 0) {
		last = now;
		return;
	}
	if (now - last < PROGRESS_LOG_INTERVAL_NS)
		return;
	last = now;
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

/* "576 µs": three significant digits. */
void
progress_format_ns(char *buf, size_t len, double ns)
{
	if (ns >= 1e9)
		snprintf(buf, len, "%.3g s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, len, "%.3g \xc2\xb5s", ns / 1e3);
	else
		snprintf(buf, len, "%.0f ns", ns);
}

/*
 * Draw line in place of the previous one, cut to the width; not on a
 * terminal, print it as a line of its own every 10 s.
 */
void
progress_draw(char *line)
{
	struct winsize ws;
	size_t i, cols = 0;

	if (!isatty(STDERR_FILENO)) {
		progress_log(line);
		return;
	}
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1) {
		/* count UTF-8 sequences as one column each */
		for (i = 0; line[i] != '\0'; i++)
			if (((unsigned char)line[i] & 0xc0) != 0x80 &&
			    ++cols >= ws.ws_col) {
				line[i] = '\0';
				break;
			}
	}
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
}

/* Erase the line, leaving the cursor at its start. */
void
progress_clear(void)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
}
