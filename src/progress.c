/*
 * progress.c - the progress line on a terminal's standard error
 */
#include "config.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "progress.h"

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

/* Draw line in place of the previous one; line is cut to the width. */
void
progress_draw(char *line)
{
	struct winsize ws;
	size_t i, cols = 0;

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
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
}
