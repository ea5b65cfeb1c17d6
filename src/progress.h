/*
 * progress.h - the progress line on standard error
 *
 * On a terminal, one line redrawn in place: a carriage return, the text cut
 * to the terminal's width (so that the return brings the cursor back to its
 * start), then "erase to the end of the line".  When standard error is not
 * a terminal, the line is printed whole every 10 s, starting 10 s after the
 * first draw.  The callers decide when to draw, never inside a timed phase.
 */
#ifndef DBBENCH_PROGRESS_H
#define DBBENCH_PROGRESS_H

#include <stddef.h>

void progress_format_ns(char *buf, size_t len, double ns);
void progress_draw(char *line);
void progress_clear(void);

#endif
